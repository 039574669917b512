import { db } from '../db';
import { paragraphPlainText, splitParagraphs, type Paragraph } from '$lib/markdown/paragraphs';
import { findHeadRevision } from './revisions';
import type { CommentThread } from './list-comment-threads';

/** How much of a paragraph a thread quotes, in characters (code points). */
export const QUOTE_LENGTH = 140;

/** What a thread on one paragraph quotes of it, from the current text in the comment's language. */
export type ParagraphQuote =
	| { kind: 'quote'; paragraph: number; language: string; excerpt: string }
	/** The current text has fewer paragraphs (or that language's text is gone). */
	| { kind: 'gone'; paragraph: number; language: string };

export type QuotedThread = CommentThread & { quote: ParagraphQuote | null };

/**
 * The start of a paragraph, cut at a word where one ends near the limit, with an
 * ellipsis when something was left out. Counts code points so that a letter outside
 * the Basic Multilingual Plane is never split in half.
 */
export function excerptOf(text: string, max = QUOTE_LENGTH): string {
	const chars = Array.from(text);
	if (chars.length <= max) return text;
	const cut = chars.slice(0, max).join('');
	const space = cut.search(/\s\S*$/);
	const words = space > cut.length * 0.6 ? cut.slice(0, space) : cut;
	return `${words.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

export function quoteParagraph(paragraphs: Paragraph[], paragraph: number, language: string): ParagraphQuote {
	const found = paragraphs.find((p) => p.index === paragraph);
	if (!found) return { kind: 'gone', paragraph, language };
	return { kind: 'quote', paragraph, language, excerpt: excerptOf(paragraphPlainText(found.text)) };
}

/**
 * Each thread with the paragraph it is about, quoted from the current revision of
 * the comment's language (a comment from before languages were recorded is about
 * the primary text). Paragraphs are numbered by splitParagraphs, as in the comment
 * form, so "paragraph 3" here is the one the commenter chose. `shown` is the text
 * already loaded for the page, so only other languages are read.
 */
export async function quoteThreads(
	letter: { id: string; primaryLanguage: string },
	threads: CommentThread[],
	shown: { language: string; paragraphs: Paragraph[] }
): Promise<QuotedThread[]> {
	const paragraphsOf = new Map<string, Paragraph[]>([[shown.language, shown.paragraphs]]);
	for (const language of new Set(threads.map((t) => t.comment.language ?? letter.primaryLanguage))) {
		if (paragraphsOf.has(language)) continue;
		const head = await findHeadRevision(letter.id, language, db());
		paragraphsOf.set(language, head ? splitParagraphs(head.body) : []);
	}
	return threads.map((thread) => {
		const { paragraph } = thread.comment;
		const language = thread.comment.language ?? letter.primaryLanguage;
		return { ...thread, quote: paragraph === null ? null : quoteParagraph(paragraphsOf.get(language) ?? [], paragraph, language) };
	});
}
