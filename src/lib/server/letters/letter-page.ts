import { db } from '../db';
import { AppError } from '../errors';
import { renderLetterParagraphs } from './render-body';
import { splitParagraphs } from '$lib/markdown/paragraphs';
import { loadLetter } from './access';
import { findHeadRevision, listLanguageHeads } from './revisions';
import { listCommentThreads } from './list-comment-threads';
import { quoteThreads } from './comment-quotes';
import { m } from '$lib/paraglide/messages.js';

/**
 * Everything the letter page shows, for someone in the coalition: the text of one
 * language (rendered and sanitised here), the translations and whether each was made
 * from the current primary text, and the comment threads, each quoting its paragraph.
 * The body comes one paragraph at a time, numbered as comments number them, so each
 * paragraph's threads can sit beside it.
 */
export async function getLetterPage(options: { letterId: string; actor: { id: string }; language: string | null }) {
	const access = await loadLetter(options.letterId, options.actor.id);
	const { letter } = access;
	const heads = await listLanguageHeads(letter.id);
	const primaryHead = heads.find((h) => h.language === letter.primaryLanguage);
	const language = options.language && heads.some((h) => h.language === options.language) ? options.language : letter.primaryLanguage;
	const revision = await findHeadRevision(letter.id, language, db());
	if (!revision) throw new AppError('not_found', m.letter_not_found());
	const translations = heads
		.filter((h) => h.language !== letter.primaryLanguage)
		.map((h) => ({ ...h, outdated: h.sourceRevisionId !== primaryHead?.id }));
	const paragraphs = splitParagraphs(revision.body);
	return {
		access,
		language,
		revision,
		bodyParagraphs: renderLetterParagraphs(revision.body),
		paragraphs,
		primaryHead,
		translations,
		threads: await quoteThreads(letter, await listCommentThreads(letter.id), { language, paragraphs })
	};
}
