import type { Token } from 'markdown-it';
import { createMarkdown } from '../../markdown/render';
import type { TextSpan } from './text-layout';

/**
 * One block of the letter body as the PDF lays it out. Lists become paragraphs
 * with a marker in a hanging indent, so a wrapped item lines up under its first
 * word, not under its number.
 */
export type BodyBlock =
	| { kind: 'heading'; level: number; spans: TextSpan[] }
	| {
			kind: 'paragraph';
			spans: TextSpan[];
			/** List nesting depth (0 outside lists). */
			depth: number;
			/** Block quote nesting depth. */
			quote: number;
			/** "1.", "•", ... for the first paragraph of a list item. */
			marker: string | null;
			/** Paragraph of a tight list: less space after it. */
			tight: boolean;
	  };

const BULLETS = ['•', '–', '•'];

// The same parser, and so the same subset, as the page preview and the server's
// HTML rendering: what the coordinator saw is what the PDF prints.
const markdown = createMarkdown();

interface ListState {
	ordered: boolean;
	next: number;
}

/** The body's Markdown as blocks of styled text. */
export function markdownBlocks(source: string): BodyBlock[] {
	const tokens = markdown.parse(source, {});
	const blocks: BodyBlock[] = [];
	const lists: ListState[] = [];
	let quote = 0;
	let marker: string | null = null;
	let heading = 0;
	let tight = false;
	for (const token of tokens) {
		switch (token.type) {
			case 'bullet_list_open':
			case 'ordered_list_open':
				lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
				break;
			case 'bullet_list_close':
			case 'ordered_list_close':
				lists.pop();
				break;
			case 'list_item_open': {
				const list = lists[lists.length - 1];
				if (!list) break;
				const number = token.info ? Number(token.info) : list.next;
				list.next = number + 1;
				marker = list.ordered ? `${number}${token.markup || '.'}` : (BULLETS[(lists.length - 1) % BULLETS.length] ?? '•');
				break;
			}
			case 'list_item_close':
				// An empty item still shows its number.
				if (marker !== null) blocks.push(paragraph([], lists.length, quote, marker, true));
				marker = null;
				break;
			case 'blockquote_open':
				quote += 1;
				break;
			case 'blockquote_close':
				quote -= 1;
				break;
			case 'heading_open':
				heading = Number(token.tag.slice(1));
				break;
			case 'heading_close':
				heading = 0;
				break;
			case 'paragraph_open':
				tight = token.hidden;
				break;
			case 'inline': {
				const spans = inlineSpans(token.children ?? []);
				if (heading > 0) {
					blocks.push({ kind: 'heading', level: heading, spans });
				} else {
					blocks.push(paragraph(spans, lists.length, quote, marker, tight));
					marker = null;
				}
				break;
			}
		}
	}
	return blocks;
}

function paragraph(spans: TextSpan[], depth: number, quote: number, marker: string | null, tight: boolean): BodyBlock {
	return { kind: 'paragraph', spans, depth, quote, marker, tight };
}

function inlineSpans(children: Token[]): TextSpan[] {
	const spans: TextSpan[] = [];
	let bold = 0;
	let italic = 0;
	let href: string | null = null;
	const push = (text: string) => {
		if (text) spans.push({ text, bold: bold > 0, italic: italic > 0, href });
	};
	for (const child of children) {
		switch (child.type) {
			case 'text':
				push(child.content);
				break;
			case 'softbreak':
				push(' ');
				break;
			case 'hardbreak':
				push('\n');
				break;
			case 'strong_open':
				bold += 1;
				break;
			case 'strong_close':
				bold -= 1;
				break;
			case 'em_open':
				italic += 1;
				break;
			case 'em_close':
				italic -= 1;
				break;
			case 'link_open': {
				const target = child.attrGet('href');
				href = typeof target === 'string' ? target : null;
				break;
			}
			case 'link_close':
				href = null;
				break;
			default:
				push(child.content);
		}
	}
	return spans;
}
