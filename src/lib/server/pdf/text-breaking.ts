import LineBreaker from 'linebreak';
import { familyOf, isComplexFamily } from './fonts';
import { visualPieces } from './text-bidi';
import { measure, spaceWidth } from './text-measure';
import { levelAt, type Prepared } from './text-runs';
import type { Piece, TextContext, TextLine } from './text-types';

/*
 * Line breaking by UAX #14 (the `linebreak` package pdfkit itself uses), which
 * also breaks between CJK ideographs. Thai, Lao, Khmer and Myanmar write no spaces
 * between words: there the runtime's dictionary word segmenter (ICU) finds the
 * breaks. A word wider than the line is split between grapheme clusters, never
 * between a letter and its marks.
 */

const SOUTHEAST_ASIAN = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]/;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface BreakOpportunity {
	position: number;
	required: boolean;
}

/** Where lines may break: UAX #14, with dictionary word breaks inside Southeast Asian runs. */
function breakOpportunities(text: string): BreakOpportunity[] {
	const breaker = new LineBreaker(text);
	const list: BreakOpportunity[] = [];
	let start = 0;
	for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
		const end = found.position;
		const piece = text.slice(start, end);
		if (SOUTHEAST_ASIAN.test(piece)) {
			for (const segment of wordSegmenter.segment(piece)) {
				const position = start + segment.index;
				// A break before trailing spaces would strand them at the next line's start.
				if (segment.index > 0 && !/^\s/.test(segment.segment)) list.push({ position, required: false });
			}
		}
		list.push({ position: end, required: found.required });
		start = end;
	}
	return list;
}

/** The end of the grapheme cluster that starts at index. */
function graphemeEnd(text: string, index: number, limit: number): number {
	const [first] = graphemeSegmenter.segment(text.slice(index, Math.min(limit, index + 32)));
	return index + Math.max(1, first?.segment.length ?? 1);
}

const TRAILING_SPACE = /[\s\u200b]+$/;

/** One break opportunity: [start, end) with its visible part ending at visibleEnd. */
interface Word {
	start: number;
	end: number;
	visibleEnd: number;
	width: number;
	visibleWidth: number;
	required: boolean;
}

function measureRange(ctx: TextContext, p: Prepared, start: number, end: number): number {
	let width = 0;
	let from = start;
	for (let i = start + 1; i <= end; i++) {
		if (
			i < end &&
			p.faces[i] === p.faces[from] &&
			levelAt(p, i) % 2 === levelAt(p, from) % 2
		) {
			continue;
		}
		const face = p.faces[from] ?? 'serif-regular';
		width += measure(face, p.style.size, p.text.slice(from, i), isComplexFamily(familyOf(face)), p.style.plain);
		from = i;
	}
	return width;
}

function words(ctx: TextContext, p: Prepared): Word[] {
	const list: Word[] = [];
	let start = 0;
	for (const found of breakOpportunities(p.text)) {
		const end = found.position;
		const piece = p.text.slice(start, end);
		const trailing = TRAILING_SPACE.exec(piece)?.[0].length ?? 0;
		const visibleEnd = end - trailing;
		const visibleWidth = measureRange(ctx, p, start, visibleEnd);
		let width = visibleWidth;
		for (let i = visibleEnd; i < end; i++) {
			if (p.text[i] !== '\n') width += spaceWidth(ctx, p.faces[i] ?? 'serif-regular', p.style.size);
		}
		list.push({ start, end, visibleEnd, width, visibleWidth, required: found.required });
		start = end;
	}
	return list;
}

/** Splits a word wider than the line (a long URL or name) between grapheme clusters. */
function splitWord(ctx: TextContext, p: Prepared, word: Word, maxWidth: number): Word[] {
	const parts: Word[] = [];
	let start = word.start;
	while (start < word.visibleEnd) {
		let end = graphemeEnd(p.text, start, word.visibleEnd);
		while (end < word.visibleEnd) {
			const next = graphemeEnd(p.text, end, word.visibleEnd);
			if (measureRange(ctx, p, start, next) > maxWidth) break;
			end = next;
		}
		const width = measureRange(ctx, p, start, end);
		const last = end >= word.visibleEnd;
		parts.push({
			start,
			end: last ? word.end : end,
			visibleEnd: end,
			width: last ? width + (word.width - word.visibleWidth) : width,
			visibleWidth: width,
			required: last && word.required
		});
		start = end;
	}
	return parts;
}

/** Breaks a prepared paragraph into lines no wider than maxWidth, in visual order. */
export function breakLines(ctx: TextContext, p: Prepared, maxWidth: number): TextLine[] {
	const visibleEnd = p.text.length - (TRAILING_SPACE.exec(p.text)?.[0].length ?? 0);
	if (visibleEnd === 0) return [];
	// Most signatory entries fit on one line: measure them whole before breaking.
	if (!p.text.includes('\n')) {
		const pieces = visualPieces(ctx, p, 0, visibleEnd);
		const width = sum(pieces);
		if (width <= maxWidth) return [{ pieces, width }];
	}
	const lines: TextLine[] = [];
	let lineStart = 0;
	let lineEnd = 0;
	let lineWidth = 0;
	const close = () => {
		const pieces = visualPieces(ctx, p, lineStart, lineEnd);
		lines.push({ pieces, width: sum(pieces) });
	};
	for (const whole of words(ctx, p)) {
		const parts = whole.visibleWidth > maxWidth ? splitWord(ctx, p, whole, maxWidth) : [whole];
		for (const word of parts) {
			if (lineEnd > lineStart && lineWidth + word.visibleWidth > maxWidth) {
				close();
				lineStart = word.start;
				lineWidth = 0;
			}
			lineWidth += word.width;
			lineEnd = word.visibleEnd;
			if (word.required) {
				close();
				lineStart = word.end;
				lineEnd = word.end;
				lineWidth = 0;
			}
		}
	}
	if (lineEnd > lineStart) close();
	return lines;
}

export function sum(pieces: Piece[]): number {
	let width = 0;
	for (const piece of pieces) width += piece.width;
	return width;
}
