import { signersOf } from '../organisations/signers-of';
import type { CommandContext } from '../commands/run-command';
import { composeMail } from '../mail/templates';

/**
 * Tells the signatory organisations (their owners and signatories) that the letter is
 * published, queued in the publishing transaction: the notice goes out if and only if
 * the publication commits.
 */
export async function queuePublicationNotices(
	ctx: CommandContext,
	options: { letterId: string; edition: { id: string; code: string; number: number }; origin: string; organisationIds: string[] }
): Promise<void> {
	if (options.organisationIds.length === 0) return;
	// One notice per person, however many of the signatory organisations they answer for.
	const people = [...new Set((await signersOf(options.organisationIds, ctx.tx)).map((p) => p.email))].map((email) => ({ email }));
	const url = `${options.origin}/verify/${options.edition.code}`;
	const subject =
		options.edition.number === 1 ? 'A letter your organisation signed is published' : 'A new edition of a letter your organisation signed is published';
	await ctx.queueMail(
		people.map(({ email }) => ({
			kind: 'published_notice' as const,
			letterId: options.letterId,
			editionId: options.edition.id,
			message: composeMail(email, subject, {
				paragraphs: [
					'A letter your organisation signed on Undersigned has been published, with the full list of signatory organisations.',
					'You can read it, download the PDF in every language and check that a copy is genuine on its verification page.'
				],
				action: { label: 'See the published letter', url },
				footer: 'Undersigned: open letters, signed by organisations.'
			})
		}))
	);
}
