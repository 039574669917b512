import { db } from '../db';
import { recipients } from '../db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import { parseRecipientsCsv, type CsvRowError } from './recipients-csv';
import { requireRecipientRoom } from '../coalitions/sending-limits';
import { MAX_RECIPIENTS_PER_LETTER, lockRecipientList, postalKey, rowFor } from './recipient-list';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/i18n/locales';

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
				errors: [{ row: 0, message: m.sig_error_recipients_max_import({ max: formatNumber(MAX_RECIPIENTS_PER_LETTER), count: formatNumber(list.count), adding: formatNumber(fresh.length) }) }],
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
