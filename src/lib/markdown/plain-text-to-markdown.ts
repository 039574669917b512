/*
 * Turns a letter written elsewhere (an e-mail, a word processor, a chat) into the
 * Markdown subset of $lib/markdown/render.ts, so it reads as it was typed.
 *
 * Plain text comes in two shapes, and a single newline means different things in
 * each:
 * - hard-wrapped (e-mail, or text typed into a fixed-width editor): every line is
 *   at most about W characters, and a newline inside a paragraph is just where the
 *   line ran out of room;
 * - unwrapped (pasted from a word processor): one line per paragraph, so a newline
 *   ends a paragraph or is a deliberate line break.
 * A text is taken as hard-wrapped when none of its lines with several words is
 * longer than LONG_LINE and its wrap width W (the longest line that has another
 * line after it) is at least MIN_WRAP_WIDTH.
 *
 * A newline inside a block of lines (blank lines always end a paragraph) is then:
 * - a wrap, joined with a space, if the text is hard-wrapped and the line was full:
 *   the next line's first word would not have fitted on it (with 10% slack, as
 *   people wrapping by hand stop a little early), or if the line has no punctuation
 *   at its end and the next one starts in lower case;
 * - otherwise the end of a paragraph if the line ends a sentence (or is a whole
 *   unwrapped paragraph);
 * - otherwise a Markdown hard break (a trailing backslash, which survives editors
 *   that strip trailing spaces): short lines like addresses and the closing
 *   "Respectfully,\nThe undersigned organisations" keep their line breaks. A short
 *   line ending in a comma followed by a short line that does not start in lower
 *   case ("Respectfully," "Yours sincerely,") is never joined to either neighbour.
 *
 * Lists: lines starting `1.`, `1)`, `(1)`, `1-` (also in Persian digits), `a)` or
 * `(a)`, or a bullet (• · ▪ ● ◦ ■ ‣ ⁃ – * -), become Markdown lists that keep their
 * starting number (lettered items are numbered, a = 1). A marker only starts a list
 * at the start of a block or after a line ending a clause, never in the middle of a
 * wrapped sentence; wrapped and hanging-indented lines join their item, and a more
 * indented item nests under the one before.
 *
 * Headings are made conservatively, only from a line that stands alone between
 * blank lines, is not a list item, has no punctuation at its end, is followed by
 * prose or a list and does not follow a closing line ending in a comma (a signature
 * after "Respectfully," or a list of names is not a heading; a salutation ending in
 * a comma at the very top does not count as a closing):
 * - ALL CAPS (at least four cased letters, none lower case, at most 80 characters,
 *   12 words) becomes `## `;
 * - any other such line of at most 60 characters and 10 words, not starting in
 *   lower case and not the first line of the text, becomes `## ` only when the
 *   text has at least two candidates (counting ALL-CAPS ones): one alone is as
 *   likely a salutation without a comma or a name as it is a section heading.
 *
 * Everything else Markdown would interpret is escaped with a backslash.
 */

const LONG_LINE = 100;
const MIN_WRAP_WIDTH = 50;
const WRAP_SLACK = 0.9;
const SHORT_CLOSING = 40;
const SHORT_FOLLOWER = 60;

interface Line {
	text: string;
	indent: number;
}

type ItemKind = 'bullet' | 'number' | 'letter';

interface Marker {
	kind: ItemKind;
	/** The item's number (letters count a = 1); 0 for bullets. */
	value: number;
	rest: string;
}

interface Item {
	kind: ItemKind;
	value: number;
	indent: number;
	text: string;
	children: Item[];
}

type Block =
	| { type: 'paragraph'; lines: string[] }
	| { type: 'heading'; text: string }
	| { type: 'list'; items: Item[] };

interface Layout {
	/** The wrap width of a hard-wrapped text, or null when newlines are not wraps. */
	wrapWidth: number | null;
}

const length = (text: string) => [...text].length;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const firstWord = (text: string) => text.split(/\s+/, 1)[0] ?? '';
const startsLowerCase = (text: string) => /^[^\p{L}]*\p{Ll}/u.test(text);
const endsSentence = (text: string) => /[.!?…؟。][\p{Pf}\p{Pe}"']*$/u.test(text);
const endsClause = (text: string) => /[.!?…؟。:;؛][\p{Pf}\p{Pe}"']*$/u.test(text);
const endsComma = (text: string) => /[,،]$/.test(text);

/*
 * Digits: ASCII plus the Arabic-Indic and Extended Arabic-Indic (Persian) ones,
 * which Persian and Arabic letters number their demands with ("۱." or "۱-").
 * Markdown only knows ASCII numbers, so the value is kept and written in ASCII.
 */
const DIGITS = '0-9\u0660-\u0669\u06F0-\u06F9';
const NUMBERED = new RegExp(`^(?:([${DIGITS}]{1,3})[.)\\-]|\\(([${DIGITS}]{1,3})\\))\\s+(?=\\S)`, 'u');
const LETTERED = /^(?:([a-zA-Z])\)|\(([a-zA-Z])\))\s+(?=\S)/;
// Word processors paste their bullet glyph, sometimes without a space after it; the
// ASCII ones and the dashes need a space, or "-5 degrees" and "*really*" would be lists.
const BULLET = /^(?:[•·▪●◦■‣⁃–*-]\s+|[•▪●◦■‣⁃](?=\S))(?=\S)/u;

function digitValue(digits: string): number {
	let value = 0;
	for (const char of digits) {
		const code = char.codePointAt(0) ?? 0;
		const zero = code >= 0x6f0 ? 0x6f0 : code >= 0x660 ? 0x660 : 0x30;
		value = value * 10 + (code - zero);
	}
	return value;
}

function matchMarker(text: string): Marker | null {
	const numbered = NUMBERED.exec(text);
	if (numbered) {
		return { kind: 'number', value: digitValue(numbered[1] ?? numbered[2] ?? '0'), rest: text.slice(numbered[0].length) };
	}
	const lettered = LETTERED.exec(text);
	if (lettered) {
		const letter = (lettered[1] ?? lettered[2] ?? 'a').toLowerCase();
		return { kind: 'letter', value: letter.charCodeAt(0) - 96, rest: text.slice(lettered[0].length) };
	}
	const bullet = BULLET.exec(text);
	if (bullet) return { kind: 'bullet', value: 0, rest: text.slice(bullet[0].length) };
	return null;
}

/** NFC, one kind of newline, no tabs or trailing space; the text split into blank-line separated chunks. */
function splitChunks(text: string): Line[][] {
	const normalised = text
		.normalize('NFC')
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?|[\v\f\u0085\u2028]/g, '\n')
		.replace(/\u2029/g, '\n\n')
		.replace(/\t/g, '    ');
	const chunks: Line[][] = [];
	let current: Line[] = [];
	for (const raw of normalised.split('\n')) {
		const trimmed = raw.trim();
		if (trimmed === '') {
			if (current.length > 0) chunks.push(current);
			current = [];
			continue;
		}
		current.push({ text: trimmed.replace(/\s+/g, ' '), indent: length(raw) - length(raw.trimStart()) });
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

function detectLayout(chunks: Line[][]): Layout {
	let width = 0;
	for (const chunk of chunks) {
		for (const [i, line] of chunk.entries()) {
			const size = length(line.text);
			if (size > LONG_LINE && wordCount(line.text) > 1) return { wrapWidth: null };
			if (i < chunk.length - 1) width = Math.max(width, size);
		}
	}
	return { wrapWidth: width >= MIN_WRAP_WIDTH ? width : null };
}

/** "Respectfully," before "The undersigned organisations": a line break to keep. */
function isClosingBreak(line: string, next: string | undefined): boolean {
	return next !== undefined && endsComma(line) && length(line) <= SHORT_CLOSING && length(next) <= SHORT_FOLLOWER && !startsLowerCase(next);
}

/** Whether the newline between `line` and `next` is only where a hard-wrapped line ran out of room. */
function isWrap(layout: Layout, line: string, next: string, afterNext: string | undefined): boolean {
	if (isClosingBreak(line, next) || isClosingBreak(next, afterNext)) return false;
	// A sentence that carries on in lower case after a line with no punctuation at its
	// end, whatever the line's length (scripts without case never match).
	if (/[\p{L}\p{N}]$/u.test(line) && startsLowerCase(next) && !matchMarker(next)) return true;
	if (layout.wrapWidth === null) return false;
	return length(line) + 1 + length(firstWord(next)) > layout.wrapWidth * WRAP_SLACK;
}

const isAllCaps = (text: string) => !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 4;

function headingCandidate(chunks: Line[][], i: number): 'caps' | 'other' | null {
	const chunk = chunks[i];
	const text = chunk?.[0]?.text;
	if (!chunk || text === undefined || chunk.length !== 1 || matchMarker(text)) return null;
	if (/\p{P}$/u.test(text) && !/[)\]»”"']$/u.test(text)) return null;
	// A heading introduces prose or a list; a line before another short line is more
	// likely one of a list of names, and a line after "Respectfully," is a signature.
	const next = chunks[i + 1];
	const previous = chunks[i - 1];
	const nextIsBody = next !== undefined && (next.length > 1 || matchMarker(next[0]?.text ?? '') !== null || length(next[0]?.text ?? '') > 60);
	// The first block ending in a comma is the salutation; a later one is a closing.
	const afterClosing = i > 1 && previous !== undefined && endsComma(previous[previous.length - 1]?.text ?? '');
	if (!nextIsBody || afterClosing) return null;
	if (isAllCaps(text) && length(text) <= 80 && wordCount(text) <= 12) return 'caps';
	// The first line of a text is as often a salutation or the title (which a letter
	// has a field for) as a section heading.
	if (i === 0 || length(text) > 60 || wordCount(text) > 10 || startsLowerCase(text)) return null;
	return 'other';
}

function findHeadings(chunks: Line[][]): Set<number> {
	const candidates = chunks.map((_, i) => headingCandidate(chunks, i));
	const enough = candidates.filter(Boolean).length >= 2;
	return new Set(candidates.flatMap((kind, i) => (kind === 'caps' || (kind === 'other' && enough) ? [i] : [])));
}

/** Whether an item marked `marker` is the next item of the list ending in `top`. */
function followsOn(top: Item, marker: Marker): boolean {
	return marker.kind === top.kind && (marker.kind === 'bullet' || marker.value === top.value + 1);
}

const newItem = (marker: Marker, line: Line): Item => ({ ...marker, indent: line.indent, text: marker.rest, children: [] });

/** Follows one list through a chunk; returns false when `line` does not belong to it. */
function continueList(list: Item[], line: Line, previous: string, next: string | undefined, layout: Layout): boolean {
	const top = list[list.length - 1];
	if (!top) return false;
	const marker = matchMarker(line.text);
	const wrap = isWrap(layout, previous, line.text, next);
	if (marker && line.indent > top.indent) {
		top.children.push(newItem(marker, line));
		return true;
	}
	if (marker && followsOn(top, marker)) {
		list.push(newItem(marker, line));
		return true;
	}
	// A wrapped or hanging-indented line continues the last item.
	if (!wrap && (marker || line.indent <= top.indent)) return false;
	const last = top.children[top.children.length - 1] ?? top;
	last.text += ` ${line.text}`;
	return true;
}

function startsList(line: Line, previous: string | undefined, next: string | undefined, layout: Layout): Marker | null {
	const marker = matchMarker(line.text);
	if (!marker) return null;
	// Lettered lists start at a; "b) something" mid-paragraph is more likely prose.
	if (marker.kind === 'letter' && marker.value !== 1) return null;
	// "... there were\n12. The ..." is a wrapped sentence, not item 12.
	if (previous !== undefined && !endsClause(previous) && isWrap(layout, previous, line.text, next)) return null;
	return marker;
}

/** Adds a chunk's blocks to `blocks`; a list interrupted by blank lines goes on. */
function parseChunk(chunk: Line[], layout: Layout, blocks: Block[]): void {
	let current: Block | null = null;
	const last = blocks[blocks.length - 1];
	const first = chunk[0];
	const marker = first && matchMarker(first.text);
	const top = last?.type === 'list' ? last.items[last.items.length - 1] : undefined;
	if (last?.type === 'list' && top && marker && first.indent <= top.indent && followsOn(top, marker)) current = last;

	for (const [i, line] of chunk.entries()) {
		const previous = chunk[i - 1]?.text;
		const next = chunk[i + 1]?.text;
		if (current?.type === 'list' && previous === undefined) {
			// Only reached for a list carried over from the chunk before.
			const carried = matchMarker(line.text);
			if (carried) current.items.push(newItem(carried, line));
			continue;
		}
		if (current?.type === 'list' && previous !== undefined && continueList(current.items, line, previous, next, layout)) continue;
		const marker = startsList(line, current?.type === 'list' ? undefined : previous, next, layout);
		if (marker) {
			current = { type: 'list', items: [newItem(marker, line)] };
			blocks.push(current);
			continue;
		}
		if (current?.type === 'paragraph' && previous !== undefined) {
			if (isWrap(layout, previous, line.text, next)) {
				current.lines[current.lines.length - 1] += ` ${line.text}`;
				continue;
			}
			if (!endsSentence(previous) && length(previous) <= LONG_LINE && !isClosingBreak(line.text, next)) {
				current.lines.push(line.text);
				continue;
			}
		}
		current = { type: 'paragraph', lines: [line.text] };
		blocks.push(current);
	}
}

/** Characters that would start emphasis, a link, an autolink or an entity. */
function escapeInline(text: string): string {
	return text.replace(/[\\`*_[\]<]/g, '\\$&').replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}

/** Characters that would make a line a heading, quote, list or rule. */
function escapeLine(text: string): string {
	return escapeInline(text)
		.replace(/^([#>+=~|-])/, '\\$1')
		.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function renderItems(items: Item[], indent: string): string {
	let number = items[0]?.value ?? 1;
	return items
		.map((item) => {
			const marker = item.kind === 'bullet' ? '- ' : `${item.kind === 'number' ? item.value : number}. `;
			number += 1;
			const children = item.children.length > 0 ? `\n${renderItems(item.children, indent + ' '.repeat(marker.length))}` : '';
			return `${indent}${marker}${escapeLine(item.text)}${children}`;
		})
		.join('\n');
}

function renderBlock(block: Block): string {
	if (block.type === 'heading') return `## ${escapeInline(block.text)}`;
	if (block.type === 'list') return renderItems(block.items, '');
	return block.lines.map(escapeLine).join('\\\n');
}

export function plainTextToMarkdown(text: string): string {
	const chunks = splitChunks(text);
	const layout = detectLayout(chunks);
	const headings = findHeadings(chunks);
	const blocks: Block[] = [];
	for (const [i, chunk] of chunks.entries()) {
		const only = chunk[0];
		if (headings.has(i) && only) blocks.push({ type: 'heading', text: only.text });
		else parseChunk(chunk, layout, blocks);
	}
	return blocks.map(renderBlock).join('\n\n');
}
