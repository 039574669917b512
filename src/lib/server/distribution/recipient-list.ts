import { eq } from 'drizzle-orm';
import type { Transaction } from '../db';
import { letters, recipients } from '../db/schema';
import { generateId } from '../crypto';
import type { RecipientInput } from './recipient-input';

/** Far more than any letter is sent to; keeps one page and one send bounded. */
export const MAX_RECIPIENTS_PER_LETTER = 10_000;

/** Additions to one letter's list take turns, so "already on the list" checks hold. */
export async function lockRecipientList(tx: Transaction, letterId: string): Promise<{ count: number; emails: Set<string>; keys: Set<string> }> {
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
export function postalKey(r: { name: string; organisation: string | null; postalAddress: string | null }): string {
	return JSON.stringify([r.name.toLowerCase(), (r.organisation ?? '').toLowerCase(), (r.postalAddress ?? '').toLowerCase()]);
}

export function rowFor(letterId: string, input: RecipientInput): typeof recipients.$inferInsert {
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
