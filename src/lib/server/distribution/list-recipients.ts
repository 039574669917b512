import { and, asc, desc, eq } from 'drizzle-orm';
import { db } from '../db';
import { editions, outboxMessages, recipients } from '../db/schema';
import { loadLetterFor } from '../letters/access';
import { suppressedAddresses } from '../mail/unsubscribe';
import { type DeliveryStatus, deliveryStatus } from './delivery-status';

export type Recipient = typeof recipients.$inferSelect;

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
