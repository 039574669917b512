import { and, inArray } from 'drizzle-orm';
import type { Transaction } from '../db';
import { memberships, outboxMessages, users } from '../db/schema';
import { eq } from 'drizzle-orm';
import { generateId } from '../crypto';
import { composeMail } from '../mail/templates';

/**
 * Tells the signatory organisations (their owners and signatories) that the letter is
 * published, through the durable outbox, inside the publishing transaction: the notice
 * goes out if and only if the publication commits.
 */
export async function notifySignatoriesOfPublication(
	tx: Transaction,
	options: { letterId: string; edition: { id: string; code: string; number: number }; origin: string; organisationIds: string[] }
): Promise<void> {
	if (options.organisationIds.length === 0) return;
	const people = await tx
		.selectDistinct({ email: users.email })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(inArray(memberships.organisationId, options.organisationIds), inArray(memberships.role, ['owner', 'signatory'])));
	const url = `${options.origin}/verify/${options.edition.code}`;
	const rows = people.map(({ email }) => {
		const mail = composeMail(email, options.edition.number === 1 ? 'A letter your organisation signed is published' : 'A new edition of a letter your organisation signed is published', {
			paragraphs: [
				'A letter your organisation signed on Undersigned has been published, with the full list of signatory organisations.',
				'You can read it, download the PDF in every language and check that a copy is genuine on its verification page.'
			],
			action: { label: 'See the published letter', url },
			footer: 'Undersigned: open letters, signed by organisations.'
		});
		return {
			id: generateId(),
			kind: 'published_notice',
			letterId: options.letterId,
			editionId: options.edition.id,
			toAddress: email,
			subject: mail.subject,
			textBody: mail.text,
			htmlBody: mail.html
		};
	});
	if (rows.length > 0) await tx.insert(outboxMessages).values(rows);
}
