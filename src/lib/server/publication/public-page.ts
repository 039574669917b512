import { desc, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, editions, letters } from '../db/schema';
import { AppError } from '../errors';
import { loadCoalitionForMember } from '../coalitions/access';
import { renderLetterBody } from '../letters/render-body';
import { loadSigningText } from '../signing/signing-text';
import { listEditions } from './editions';
import { m } from '$lib/paraglide/messages.js';

/**
 * The published letter's page: public letters for everyone, others for their
 * coalition only (PR2; the page then says noindex). Shows the newest edition.
 * A constant number of queries, however many signatories (the list is the edition's
 * stored snapshot).
 */
export async function getPublishedLetter(options: { letterId: string; actor: { id: string } | null; language: string | null }) {
	if (options.letterId.length > 64) throw new AppError('not_found', m.sig_letter_not_found());
	const [letter] = await db().select().from(letters).where(eq(letters.id, options.letterId));
	if (!letter) throw new AppError('not_found', m.sig_letter_not_found());
	const isPublic = letter.visibility === 'public';
	if (!isPublic) {
		const member = options.actor ? await loadCoalitionForMember(letter.coalitionId, options.actor.id).catch(() => null) : null;
		if (!member) throw new AppError('not_found', m.sig_letter_not_found());
	}
	const [latest] = await db().select().from(editions).where(eq(editions.letterId, letter.id)).orderBy(desc(editions.number)).limit(1);
	if (!latest) throw new AppError('not_found', m.sig_letter_not_found());
	const [coalition] = await db().select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, letter.coalitionId));
	const signingText = await loadSigningText(latest.signingTextId);
	const revisions = signingText?.revisions ?? [];
	const revision = revisions.find((r) => r.language === options.language) ?? revisions.find((r) => r.language === letter.primaryLanguage) ?? revisions[0];
	if (!revision) throw new AppError('not_found', m.sig_letter_not_found());
	return {
		letter,
		isPublic,
		coalitionName: coalition?.name ?? '',
		edition: latest,
		revision,
		bodyHtml: renderLetterBody(revision.body),
		languages: revisions.map((r) => r.language),
		editions: await listEditions(letter.id)
	};
}
