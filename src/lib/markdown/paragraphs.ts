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

/**
 * A block's words without its Markdown: emphasis marks, link targets and list
 * markers dropped, line breaks as spaces; what a reader sees, for quoting.
 */
export function paragraphPlainText(text: string): string {
	const words: string[] = [];
	for (const token of markdown.parse(text, {})) {
		for (const child of token.type === 'inline' ? (token.children ?? []) : []) {
			if (child.type === 'text') words.push(child.content);
			else if (child.type === 'softbreak' || child.type === 'hardbreak') words.push(' ');
		}
		// Blocks inside a block (a nested list item) are separated like lines.
		if (token.type === 'paragraph_close' || token.type === 'heading_close') words.push(' ');
	}
	return words.join('').replace(/\s+/g, ' ').trim();
}
