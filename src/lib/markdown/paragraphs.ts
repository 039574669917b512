import type { Token } from 'markdown-it';
import { createMarkdown } from './render';

export interface Paragraph {
	/** 1-based, in reading order. */
	index: number;
	/** The block's Markdown source, trimmed. */
	text: string;
}

/*
 * What a comment can be anchored to ("paragraph N"). Blocks are found by the same
 * parser that renders the letter, so what counts as a block here is what the reader
 * sees as one, and a blank line inside a list or a quote does not split it wrongly.
 *
 * Every top-level block is one paragraph (a paragraph, a heading, a block quote)
 * except lists: each top-level list item is a paragraph of its own, because the
 * demands of a letter are usually its numbered items and people comment on one
 * demand, not on the whole list. Nested lists stay inside their item.
 *
 * The text is the block's own Markdown, marker included ("3. Support ..."), so an
 * excerpt reads like the letter and renderMarkdown(text) shows the block alone
 * (an ordered item keeps its number through the list's start attribute).
 */
const markdown = createMarkdown();

function isList(token: Token): boolean {
	return token.type === 'bullet_list_open' || token.type === 'ordered_list_open';
}

/** The line ranges of the blocks a comment can be about. */
function blockRanges(tokens: Token[]): [number, number][] {
	const ranges: [number, number][] = [];
	for (const token of tokens) {
		if (token.nesting === -1 || !token.map) continue;
		// A list item directly inside a top-level list is the only level-1 item.
		const anchor = token.level === 0 ? !isList(token) : token.level === 1 && token.type === 'list_item_open';
		if (anchor) ranges.push(token.map);
	}
	return ranges;
}

export function splitParagraphs(source: string): Paragraph[] {
	const normalised = source.replace(/\r\n?/g, '\n');
	const lines = normalised.split('\n');
	return blockRanges(markdown.parse(normalised, {}))
		.map(([start, end]) => lines.slice(start, end).join('\n').trim())
		.filter((text) => text !== '')
		.map((text, i) => ({ index: i + 1, text }));
}
