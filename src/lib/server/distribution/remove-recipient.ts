import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { db } from '../db';
import { outboxMessages, recipients } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import { m } from '$lib/paraglide/messages.js';

/**
 * Removes a recipient. Their messages that are waiting and not being sent right now
 * are cancelled with them: the coordinator took them off the list, often because
 * the address was wrong. A message already delivered, or mid-send, stays on record.
 */
export async function removeRecipient(options: { actor: { id: string }; letterId: string; recipientId: string }): Promise<{ cancelledMessages: number }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	if (options.recipientId.length > 64) throw new AppError('not_found', m.sig_error_recipient_gone());
	return db().transaction(async (tx) => {
		const now = new Date();
		const [recipient] = await tx
			.select({ id: recipients.id })
			.from(recipients)
			.where(and(eq(recipients.id, options.recipientId), eq(recipients.letterId, letter.id)))
			.for('update');
		if (!recipient) throw new AppError('not_found', m.sig_error_recipient_gone());
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
