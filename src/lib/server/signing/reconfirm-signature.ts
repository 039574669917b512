import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, signatures, signingTexts, users } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Session } from '../auth/session';
import { requireStepUp } from './step-up';
import type { Signature } from './sign-letter';

/**
 * CC3: a signature on an older signing text is confirmed for the current one: the old
 * row is kept (superseded) and a new one binds to the new hash, in one transaction.
 */
export async function reconfirmSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	textHash: string;
	password: string | null;
	clientAddress: string;
}): Promise<Signature> {
	const [old] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, options.signatureId.slice(0, 64)), eq(signatures.letterId, options.letterId)));
	if (!old) throw new AppError('not_found', 'Signature not found.');
	const [membership] = await db()
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, old.organisationId), eq(memberships.userId, options.actor.id)));
	if (!membership || membership.role === 'member') throw new AppError('forbidden', 'Only a signatory or owner of the organisation can confirm its signature.');
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	return db().transaction(async (tx) => {
		const [letter] = await tx.select().from(letters).where(eq(letters.id, options.letterId)).for('update');
		if (!letter || letter.state !== 'open') throw new AppError('conflict', 'Signing is closed for this letter.');
		const [current] = await tx.select().from(signingTexts).where(eq(signingTexts.id, letter.signingTextId ?? ''));
		if (!current || current.hash !== options.textHash) throw new AppError('conflict', 'The text changed again; please read it once more.');
		if (old.signingTextId === current.id) throw new AppError('conflict', 'This signature is already on the current text.');
		const superseded = await tx
			.update(signatures)
			.set({ status: 'superseded', endedAt: new Date(), endedBy: options.actor.id, endReason: 'reconfirmed' })
			.where(and(eq(signatures.id, old.id), eq(signatures.status, 'active')))
			.returning({ id: signatures.id });
		if (superseded.length === 0) throw new AppError('conflict', 'This signature is no longer active.');
		const [signer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, options.actor.id));
		const sameSigner = old.signerId === options.actor.id;
		const row: Signature = {
			...old,
			id: generateId(),
			signingTextId: current.id,
			textHash: current.hash,
			signerId: options.actor.id,
			signerName: signer?.name ?? old.signerName,
			signerTitle: sameSigner ? old.signerTitle : null,
			signerNamePublic: sameSigner ? old.signerNamePublic : false,
			signedAt: new Date(),
			status: 'active',
			endedAt: null,
			endedBy: null,
			endReason: null,
			confirmsSignatureId: old.id
		};
		await tx.insert(signatures).values(row);
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'signature.reconfirmed',
			actorId: options.actor.id,
			data: { signatureId: row.id, previousSignatureId: old.id, organisationId: old.organisationId, signingTextId: current.id, textHash: current.hash }
		});
		return row;
	});
}
