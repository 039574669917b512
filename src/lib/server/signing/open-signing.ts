import { eq } from 'drizzle-orm';
import { db, type Transaction } from '../db';
import { letters, signingTexts } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import { freezeSigningText } from './signing-text';
import { notifyReconfirmationNeeded } from './notify';

/**
 * A coordinator opens a draft for signatures: the newest revision of each language is
 * frozen as the signing text, whose hash every signature binds to.
 */
export async function openSigning(options: {
	actor: { id: string };
	letterId: string;
	deadlineAt: Date | null;
	deadlineTimeZone: string | null;
}): Promise<{ hash: string }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	if (letter.state !== 'draft') throw new AppError('conflict', 'Only a draft can be opened for signatures.');
	if (options.deadlineAt && options.deadlineAt.getTime() <= Date.now()) {
		throw new AppError('invalid', 'The deadline must be in the future.');
	}
	return db().transaction(async (tx) => {
		const [locked] = await tx.select({ state: letters.state }).from(letters).where(eq(letters.id, letter.id)).for('update');
		if (locked?.state !== 'draft') throw new AppError('conflict', 'Only a draft can be opened for signatures.');
		const signingText = await freezeSigningText(tx, letter.id, options.actor.id);
		await tx
			.update(letters)
			.set({
				state: 'open',
				signingTextId: signingText.id,
				deadlineAt: options.deadlineAt,
				deadlineTimeZone: options.deadlineAt ? options.deadlineTimeZone : null,
				openedAt: new Date(),
				closedAt: null,
				updatedAt: new Date()
			})
			.where(eq(letters.id, letter.id));
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'letter.opened',
			actorId: options.actor.id,
			data: { signingTextId: signingText.id, hash: signingText.hash, deadlineAt: options.deadlineAt?.toISOString() ?? null }
		});
		return { hash: signingText.hash };
	});
}

/**
 * While open, coordinators may amend the text: the newest revisions become a new
 * signing text. Signatures on the old one stay bound to it and are listed as awaiting
 * re-confirmation (CC3); their signers are asked to confirm again.
 */
export async function amendSigningText(options: { actor: { id: string }; letterId: string; origin: string }): Promise<{ hash: string }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	const result = await db().transaction(async (tx) => {
		const [locked] = await tx.select().from(letters).where(eq(letters.id, letter.id)).for('update');
		if (locked?.state !== 'open') throw new AppError('conflict', 'The signing text can only be amended while the letter is open.');
		const signingText = await freezeSigningText(tx, letter.id, options.actor.id);
		if (signingText.hash === (await currentHash(tx, locked.signingTextId))) {
			throw new AppError('conflict', 'The text has not changed since it was opened; nothing to amend.');
		}
		await tx.update(letters).set({ signingTextId: signingText.id, updatedAt: new Date() }).where(eq(letters.id, letter.id));
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'letter.amended',
			actorId: options.actor.id,
			data: { signingTextId: signingText.id, hash: signingText.hash }
		});
		return { hash: signingText.hash };
	});
	await notifyReconfirmationNeeded({ letterId: letter.id, origin: options.origin });
	return result;
}

async function currentHash(tx: Transaction, signingTextId: string | null) {
	if (!signingTextId) return null;
	const [row] = await tx.select({ hash: signingTexts.hash }).from(signingTexts).where(eq(signingTexts.id, signingTextId));
	return row?.hash ?? null;
}

/** CC2: closing takes the letter row lock, so a signature in flight either lands before it or is refused. */
export async function closeSigning(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await setState(options, 'open', 'closed', 'letter.closed', 'Only an open letter can be closed.');
}

export async function reopenSigning(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await setState(options, 'closed', 'open', 'letter.reopened', 'Only a closed letter can be reopened.');
}

/**
 * Towards a new edition (more signatories, a correction): a published letter opens for
 * signatures again. Published editions stay as they are, downloadable and verifiable.
 */
export async function reopenForNewEdition(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await setState(options, 'published', 'open', 'letter.reopened_for_edition', 'Only a published letter can start a new edition.');
}

async function setState(
	options: { actor: { id: string }; letterId: string },
	from: 'open' | 'closed' | 'published',
	to: 'open' | 'closed',
	type: 'letter.closed' | 'letter.reopened' | 'letter.reopened_for_edition',
	message: string
) {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	await db().transaction(async (tx) => {
		const [locked] = await tx.select({ state: letters.state }).from(letters).where(eq(letters.id, letter.id)).for('update');
		if (locked?.state !== from) throw new AppError('conflict', message);
		await tx
			.update(letters)
			.set({ state: to, closedAt: to === 'closed' ? new Date() : null, updatedAt: new Date() })
			.where(eq(letters.id, letter.id));
		await appendAuditEvent(tx, { chainId: letter.id, type, actorId: options.actor.id, data: { state: to } });
	});
}
