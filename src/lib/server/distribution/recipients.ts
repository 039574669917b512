import { and, asc, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { db, type Transaction } from '../db';
import { editions, letters, outboxMessages, recipients } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import type { RecipientInput } from './recipient-input';
import { parseRecipientsCsv, type CsvRowError } from './recipients-csv';
import { requireRecipientRoom } from '../coalitions/sending-limits';
import { suppressedAddresses } from '../mail/unsubscribe';

export type Recipient = typeof recipients.$inferSelect;

/** Far more than any letter is sent to; keeps one page and one send bounded. */
export const MAX_RECIPIENTS_PER_LETTER = 10_000;

export type DeliveryStatus =
	| { state: 'no_email' }
	| { state: 'not_sent' }
	/** AV6: the address asked for no more letters from this instance; nothing is sent to it. */
	| { state: 'unsubscribed' }
	| { state: 'queued'; editionNumber: number | null }
	| { state: 'sending'; editionNumber: number | null; attempts: number }
	| { state: 'retrying'; editionNumber: number | null; attempts: number; lastError: string | null; nextAttemptAt: Date }
	| { state: 'sent'; editionNumber: number | null; sentAt: Date }
	| { state: 'failed'; editionNumber: number | null; attempts: number; lastError: string | null };

interface LatestMessage {
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	lastError: string | null;
	nextAttemptAt: Date;
	lockedUntil: Date | null;
	sentAt: Date | null;
	editionNumber: number | null;
}

/** What a coordinator reads about one recipient's latest message, derived from the outbox row. */
export function deliveryStatus(hasEmail: boolean, message: LatestMessage | undefined, now = new Date()): DeliveryStatus {
	if (!message) return hasEmail ? { state: 'not_sent' } : { state: 'no_email' };
	const { editionNumber, attempts, lastError } = message;
	if (message.status === 'sent') return { state: 'sent', editionNumber, sentAt: message.sentAt ?? message.nextAttemptAt };
	if (message.status === 'failed') return { state: 'failed', editionNumber, attempts, lastError };
	if (message.lockedUntil && message.lockedUntil > now) return { state: 'sending', editionNumber, attempts };
	if (attempts === 0) return { state: 'queued', editionNumber };
	return { state: 'retrying', editionNumber, attempts, lastError, nextAttemptAt: message.nextAttemptAt };
}

/** Every recipient of a letter with the status of the newest message sent to them. Callers check access. */
export async function recipientsWithDelivery(letterId: string): Promise<{ recipient: Recipient; delivery: DeliveryStatus }[]> {
	const list = await db().select().from(recipients).where(eq(recipients.letterId, letterId)).orderBy(asc(recipients.createdAt), asc(recipients.id));
	if (list.length === 0) return [];
	const latest = await db()
		.selectDistinctOn([outboxMessages.recipientId], {
			recipientId: outboxMessages.recipientId,
			status: outboxMessages.status,
			attempts: outboxMessages.attempts,
			lastError: outboxMessages.lastError,
			nextAttemptAt: outboxMessages.nextAttemptAt,
			lockedUntil: outboxMessages.lockedUntil,
			sentAt: outboxMessages.sentAt,
			editionNumber: editions.number
		})
		.from(outboxMessages)
		.leftJoin(editions, eq(editions.id, outboxMessages.editionId))
		.where(and(eq(outboxMessages.letterId, letterId), eq(outboxMessages.kind, 'distribution')))
		.orderBy(outboxMessages.recipientId, desc(outboxMessages.createdAt), desc(outboxMessages.id));
	const byRecipient = new Map(latest.map((m) => [m.recipientId, m]));
	const suppressed = await suppressedAddresses(list.flatMap((r) => (r.email ? [r.email] : [])));
	const now = new Date();
	return list.map((recipient) => {
		const message = byRecipient.get(recipient.id);
		// A letter that reached them before they unsubscribed still shows as sent.
		if (recipient.email && suppressed.has(recipient.email.toLowerCase()) && message?.status !== 'sent') return { recipient, delivery: { state: 'unsubscribed' } as const };
		return { recipient, delivery: deliveryStatus(Boolean(recipient.email), message, now) };
	});
}

/** As recipientsWithDelivery, for coordinators only. */
export async function listRecipients(options: { actor: { id: string }; letterId: string }) {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	return recipientsWithDelivery(letter.id);
}

/** Additions to one letter's list take turns, so "already on the list" checks hold. */
async function lockRecipientList(tx: Transaction, letterId: string): Promise<{ count: number; emails: Set<string>; keys: Set<string> }> {
	await tx.select({ id: letters.id }).from(letters).where(eq(letters.id, letterId)).for('no key update');
	const rows = await tx
		.select({ name: recipients.name, organisation: recipients.organisation, email: recipients.email, postalAddress: recipients.postalAddress })
		.from(recipients)
		.where(eq(recipients.letterId, letterId));
	return {
		count: rows.length,
		emails: new Set(rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : []))),
		keys: new Set(rows.filter((r) => !r.email).map(postalKey))
	};
}

/** Recipients without an e-mail address are the same when name, organisation and address are. */
function postalKey(r: { name: string; organisation: string | null; postalAddress: string | null }): string {
	return JSON.stringify([r.name.toLowerCase(), (r.organisation ?? '').toLowerCase(), (r.postalAddress ?? '').toLowerCase()]);
}

function rowFor(letterId: string, input: RecipientInput): typeof recipients.$inferInsert {
	return {
		id: generateId(),
		letterId,
		name: input.name,
		title: input.title,
		organisation: input.organisation,
		email: input.email,
		postalAddress: input.postalAddress,
		language: input.language
	};
}

export async function addRecipient(options: { actor: { id: string }; letterId: string; recipient: RecipientInput }): Promise<{ id: string }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	const input = options.recipient;
	return db().transaction(async (tx) => {
		const list = await lockRecipientList(tx, letter.id);
		if (input.email && list.emails.has(input.email.toLowerCase())) {
			throw new AppError('conflict', `${input.email} is already a recipient of this letter.`);
		}
		if (!input.email && list.keys.has(postalKey(input))) throw new AppError('conflict', `${input.name} is already a recipient of this letter.`);
		if (list.count >= MAX_RECIPIENTS_PER_LETTER) {
			throw new AppError('conflict', `A letter can have at most ${MAX_RECIPIENTS_PER_LETTER.toLocaleString('en')} recipients.`);
		}
		if (input.email) await requireRecipientRoom(tx, { coalitionId: letter.coalitionId, current: list.emails.size, adding: 1 });
		const row = rowFor(letter.id, input);
		await tx.insert(recipients).values(row);
		await appendAuditEvent(tx, { chainId: letter.id, type: 'recipient.added', actorId: options.actor.id, data: { recipientId: row.id } });
		return { id: row.id! };
	});
}

/**
 * Removes a recipient. Their messages that are waiting and not being sent right now
 * are cancelled with them: the coordinator took them off the list, often because
 * the address was wrong. A message already delivered, or mid-send, stays on record.
 */
export async function removeRecipient(options: { actor: { id: string }; letterId: string; recipientId: string }): Promise<{ cancelledMessages: number }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	if (options.recipientId.length > 64) throw new AppError('not_found', 'That recipient is not on the list any more.');
	return db().transaction(async (tx) => {
		const now = new Date();
		const [recipient] = await tx
			.select({ id: recipients.id })
			.from(recipients)
			.where(and(eq(recipients.id, options.recipientId), eq(recipients.letterId, letter.id)))
			.for('update');
		if (!recipient) throw new AppError('not_found', 'That recipient is not on the list any more.');
		const cancelled = await tx
			.delete(outboxMessages)
			.where(
				and(
					eq(outboxMessages.recipientId, recipient.id),
					eq(outboxMessages.status, 'pending'),
					or(isNull(outboxMessages.lockedUntil), lt(outboxMessages.lockedUntil, now))
				)
			)
			.returning({ id: outboxMessages.id });
		await tx.delete(recipients).where(eq(recipients.id, recipient.id));
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'recipient.removed',
			actorId: options.actor.id,
			data: { recipientId: recipient.id, cancelledMessages: cancelled.length }
		});
		return { cancelledMessages: cancelled.length };
	});
}

export type ImportRecipientsResult =
	| { ok: true; imported: number; alreadyListed: number }
	| { ok: false; errors: CsvRowError[]; moreErrors: number };

/**
 * Imports a CSV file of recipients: all rows or none (see parseRecipientsCsv). Rows
 * for someone already on the list are left out rather than refused, so importing the
 * same file twice, or a longer version of it, does what the coordinator means.
 */
export async function importRecipientsCsv(letterId: string, csvText: string, actor: { id: string }): Promise<ImportRecipientsResult> {
	const { letter } = await loadLetterFor('manage', letterId, actor.id);
	const parsed = parseRecipientsCsv(csvText);
	if (!parsed.ok) return parsed;
	return db().transaction(async (tx) => {
		const list = await lockRecipientList(tx, letter.id);
		const fresh = parsed.rows.filter(({ recipient }) => {
			const seen = recipient.email ? list.emails.has(recipient.email.toLowerCase()) : list.keys.has(postalKey(recipient));
			if (!recipient.email) list.keys.add(postalKey(recipient));
			return !seen;
		});
		if (list.count + fresh.length > MAX_RECIPIENTS_PER_LETTER) {
			return {
				ok: false as const,
				errors: [{ row: 0, message: `A letter can have at most ${MAX_RECIPIENTS_PER_LETTER.toLocaleString('en')} recipients; it has ${list.count} and the file adds ${fresh.length}.` }],
				moreErrors: 0
			};
		}
		// AV6: refused whole, like any other problem with the file (see parseRecipientsCsv).
		const adding = fresh.filter(({ recipient }) => recipient.email).length;
		await requireRecipientRoom(tx, { coalitionId: letter.coalitionId, current: list.emails.size, adding, importing: true });
		// One millisecond apart, so the list shows them in the file's order.
		const base = Date.now();
		const rows = fresh.map(({ recipient }, i) => ({ ...rowFor(letter.id, recipient), createdAt: new Date(base + i) }));
		for (let i = 0; i < rows.length; i += 500) await tx.insert(recipients).values(rows.slice(i, i + 500));
		if (rows.length > 0) {
			await appendAuditEvent(tx, {
				chainId: letter.id,
				type: 'recipients.imported',
				actorId: actor.id,
				data: { count: rows.length }
			});
		}
		return { ok: true as const, imported: rows.length, alreadyListed: parsed.rows.length - rows.length };
	});
}
