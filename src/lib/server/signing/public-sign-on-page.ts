import { and, count, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, letters, signatures } from '../db/schema';
import { AppError } from '../errors';
import { renderLetterBody } from '../letters/render-body';
import { loadSigningText } from './signing-text';
import { formatInZone } from './zoned-time';
import { m } from '$lib/paraglide/messages.js';
import { currentIntlLocale } from '$lib/i18n/locales';

const NOT_FOUND = () => m.pub_letter_not_found();

/**
 * The public page of a public letter open for signatures, for anyone (no sign-in):
 * its signing text, how many organisations signed so far, and the way to add one's
 * own. AZ5/PR2: a letter that is not public, or not open, answers exactly like one
 * that does not exist. Four queries, whatever the number of signatures.
 */
export async function getPublicSignOnPage(options: { letterId: string; language: string | null }) {
	if (options.letterId.length > 64) throw new AppError('not_found', NOT_FOUND());
	const [row] = await db()
		.select({ letter: letters, coalitionName: coalitions.name })
		.from(letters)
		.innerJoin(coalitions, eq(coalitions.id, letters.coalitionId))
		.where(eq(letters.id, options.letterId));
	if (!row || row.letter.visibility !== 'public' || row.letter.state !== 'open' || !row.letter.signingTextId) throw new AppError('not_found', NOT_FOUND());
	const { letter } = row;
	const [signingText, [signed]] = await Promise.all([
		loadSigningText(letter.signingTextId!),
		db()
			.select({ n: count() })
			.from(signatures)
			.where(and(eq(signatures.letterId, letter.id), eq(signatures.status, 'active')))
	]);
	const revisions = signingText?.revisions ?? [];
	const revision = revisions.find((r) => r.language === options.language) ?? revisions.find((r) => r.language === letter.primaryLanguage) ?? revisions[0];
	if (!revision) throw new AppError('not_found', NOT_FOUND());
	const deadlinePassed = letter.deadlineAt !== null && letter.deadlineAt <= new Date();
	return {
		letter,
		coalitionName: row.coalitionName,
		revision,
		bodyHtml: renderLetterBody(revision.body),
		languages: revisions.map((r) => r.language),
		signatureCount: signed?.n ?? 0,
		deadline: letter.deadlineAt ? formatInZone(letter.deadlineAt, letter.deadlineTimeZone ?? 'UTC', currentIntlLocale()) : null,
		deadlinePassed
	};
}
