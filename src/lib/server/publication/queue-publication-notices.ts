import { signersOf } from '../organisations/signers-of';
import type { CommandContext } from '../commands/run-command';
import { publishedNoticeMail } from '../mail/templates';
import { readerLocale } from '../mail/reader-locale';

/**
 * Tells the signatory organisations (their owners and signatories) that the letter is
 * published, queued in the publishing transaction: the notice goes out if and only if
 * the publication commits. Each reads it in their saved language, else English.
 */
export async function queuePublicationNotices(
	ctx: CommandContext,
	options: { letterId: string; edition: { id: string; code: string; number: number }; origin: string; organisationIds: string[] }
): Promise<void> {
	if (options.organisationIds.length === 0) return;
	// One notice per person, however many of the signatory organisations they answer for.
	const people = [...new Map((await signersOf(options.organisationIds, ctx.tx)).map((p) => [p.email, p.locale])).entries()];
	const url = `${options.origin}/verify/${options.edition.code}`;
	await ctx.queueMail(
		people.map(([email, locale]) => ({
			kind: 'published_notice' as const,
			letterId: options.letterId,
			editionId: options.edition.id,
			message: publishedNoticeMail(email, { editionNumber: options.edition.number, url }, readerLocale(locale))
		}))
	);
}
