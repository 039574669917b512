import { db } from '../db';
import { recipients } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import type { RecipientInput } from './recipient-input';
import { requireRecipientRoom } from '../coalitions/sending-limits';
import { MAX_RECIPIENTS_PER_LETTER, lockRecipientList, postalKey, rowFor } from './recipient-list';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/i18n/locales';

export async function addRecipient(options: { actor: { id: string }; letterId: string; recipient: RecipientInput }): Promise<{ id: string }> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	const input = options.recipient;
	return db().transaction(async (tx) => {
		const list = await lockRecipientList(tx, letter.id);
		if (input.email && list.emails.has(input.email.toLowerCase())) {
			throw new AppError('conflict', m.sig_error_already_recipient({ name: input.email }));
		}
		if (!input.email && list.keys.has(postalKey(input))) throw new AppError('conflict', m.sig_error_already_recipient({ name: input.name }));
		if (list.count >= MAX_RECIPIENTS_PER_LETTER) {
			throw new AppError('conflict', m.sig_error_recipients_max({ max: formatNumber(MAX_RECIPIENTS_PER_LETTER) }));
		}
		if (input.email) await requireRecipientRoom(tx, { coalitionId: letter.coalitionId, current: list.emails.size, adding: 1 });
		const row = rowFor(letter.id, input);
		await tx.insert(recipients).values(row);
		await appendAuditEvent(tx, { chainId: letter.id, type: 'recipient.added', actorId: options.actor.id, data: { recipientId: row.id } });
		return { id: row.id! };
	});
}
