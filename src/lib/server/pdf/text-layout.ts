import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import LineBreaker from 'linebreak';
import {
	faceFor,
	familyForCodePoint,
	familyOf,
	hanPreferenceOfText,
	hasRightToLeft,
	isComplexFamily,
	loadFont,
	type FontFace,
	type FontFamily,
	type HanPreference
} from './fonts';

/*
 * pdfkit lays text out in one font, left to right. This module does what it lacks
 * for a multilingual letter:
 *
 * 1. font fallback: every character gets the family that has it (fonts.ts); white
 *    space, punctuation and digits stay with the letters around them, so a Persian
 *    phrase is one run and shapes (joins) as one;
 * 2. bidi: the Unicode Bidirectional Algorithm (bidi-js) resolves each character's
 *    level and each line is put in visual order; a right-to-left run is handed to
 *    fontkit whole, in logical order, which joins the letters, mirrors brackets
 *    (rtlm) and returns the glyphs right to left;
 * 3. line breaking by UAX #14 (the `linebreak` package pdfkit itself uses), which
 *    also breaks between CJK ideographs.
 *
 * The PDF keeps the logical text in each glyph's ToUnicode entry, and a right-to-left
 * run is drawn right to left, so extractors that apply bidi (pdftotext) give the
 * words back in logical order.
 */

const bidi = bidiFactory();

export interface TextSpan {
	text: string;
	bold?: boolean;
	italic?: boolean;
	href?: string | null;
	/**
	 * Resolve this span's direction on its own, like HTML's <bdi> (IN4): a
	 * right-to-left name does not pull the ", Country" after it into its run.
	 */
	isolate?: boolean;
}

export interface TextStyle {
	size: number;
	color: string;
	bold?: boolean;
	italic?: boolean;
	/** Underline and colour links; default true. */
	linkStyle?: boolean;
	/** Base direction; the letter's direction unless set (technical lines are LTR). */
	direction?: Direction;
	/** How Han characters look, when the text's origin is known (an organisation's country). */
	han?: HanPreference;
	/**
	 * Set simple words glyph by glyph, without kerning or ligatures, for long
	 * lists: shaping each of thousands of names through fontkit's OpenType engine
	 * would cost more than the rest of the document. Scripts that need shaping
	 * (Arabic, combining marks) are shaped as always.
	 */
	plain?: boolean;
}

export type Direction = 'ltr' | 'rtl';

/** One document's drawing state: the renderer makes one per PDF. */
export interface TextContext {
	doc: PDFKit.PDFDocument;
	/** The letter's direction: the base direction of every paragraph. */
	direction: Direction;
	/** How Han characters look when the text has no kana or Hangul to decide. */
	han: HanPreference | null;
	face: FontFace | null;
	size: number;
	color: string | null;
	/** Width of one space per face and size, the most asked-for measurement. */
	spaceWidths: Map<string, number>;
}

export function createTextContext(doc: PDFKit.PDFDocument, direction: Direction, han: HanPreference | null): TextContext {
	return { doc, direction, han, face: null, size: 0, color: null, spaceWidths: new Map() };
}

/** A stretch of one line drawn in one call: one face, one direction, one link. */
export interface Piece {
	/** What is handed to pdfkit: logical order for LTR and for whole-shaped RTL runs. */
	text: string;
	face: FontFace;
	/** Shape as one string with fontkit's defaults (joining, RTL reversal). */
	shapeWhole: boolean;
	width: number;
	href: string | null;
}

export interface TextLine {
	pieces: Piece[];
	width: number;
}

const LINK_COLOR = '#1a4f8b';

/** Sets pdfkit's font only when it changes: each change writes operators. */
function useFace(ctx: TextContext, face: FontFace, size: number): void {
	if (ctx.face !== face) {
		ctx.doc.font(loadFont(face) as unknown as PDFKit.Mixins.PDFFontSource, face);
		ctx.face = face;
		ctx.size = 0;
	}
	if (ctx.size !== size) {
		ctx.doc.fontSize(size);
		ctx.size = size;
	}
}

function useColor(ctx: TextContext, color: string): void {
	if (ctx.color !== color) {
		ctx.doc.fillColor(color);
		ctx.color = color;
	}
}

// pdfkit shapes each space-separated word on its own (and caches it) unless
// features are given; an empty list makes it shape the whole string with fontkit's
// default features, which a joining right-to-left run needs.
const WHOLE_RUN: PDFKit.Mixins.OpenTypeFeatures[] = [];

function measure(ctx: TextContext, face: FontFace, size: number, text: string, shapeWhole: boolean, plain = false): number {
	useFace(ctx, face, size);
	if (plain && !shapeWhole) {
		const width = primePlainRuns(ctx, face, text);
		if (width !== null) return (width * size) / 1000;
	}
	return ctx.doc.widthOfString(text, shapeWhole ? { features: WHOLE_RUN } : {});
}

// Characters a word must not contain to be set glyph by glyph: combining marks,
// joiners, Arabic script and conjoining Hangul jamo all need the shaper.
const NEEDS_SHAPING = /[\p{M}\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]|\u200c|\u200d/u;

/** The parts of pdfkit's embedded font object that plain runs rely on (pdfkit 0.20). */
interface PdfKitLayoutCache {
	layoutCache?: Record<string, { glyphs: PlainGlyph[]; positions: GlyphPosition[]; advanceWidth: number }>;
}

interface GlyphPosition {
	xAdvance: number;
	yAdvance: number;
	xOffset: number;
	yOffset: number;
	advanceWidth: number;
}

/**
 * What pdfkit reads of a glyph when it writes one: its id, advance (font units) and
 * the characters it stands for. Plain runs use their own, not fontkit's cached
 * glyph objects, whose characters depend on what the process rendered before.
 */
interface PlainGlyph {
	id: number;
	advanceWidth: number;
	codePoints: number[];
}

/** Per face, glyph and advance (in 1000ths of an em) by code point; fonts are process-wide, so is this. */
const plainGlyphs = new Map<FontFace, Map<number, { glyph: PlainGlyph; advance: number }>>();

function plainGlyph(face: FontFace, codePoint: number): { glyph: PlainGlyph; advance: number } {
	let glyphs = plainGlyphs.get(face);
	if (!glyphs) {
		glyphs = new Map();
		plainGlyphs.set(face, glyphs);
	}
	let entry = glyphs.get(codePoint);
	if (!entry) {
		const font = loadFont(face);
		const { id, advanceWidth } = font.glyphForCodePoint(codePoint);
		entry = { glyph: { id, advanceWidth, codePoints: [codePoint] }, advance: (advanceWidth * 1000) / font.unitsPerEm };
		glyphs.set(codePoint, entry);
	}
	return entry;
}

/*
 * pdfkit lays text out one space-separated word at a time and keeps each word's
 * glyphs in its per-document layout cache, which measuring and drawing share.
 * Putting plain runs of simple words into that cache before pdfkit asks for them
 * skips fontkit's shaping for them. Returns the text's width in 1000ths of an em,
 * or null when some word needs the shaper. If a pdfkit version has no such cache,
 * nothing is primed and every word is shaped as usual: slower, still correct.
 */
function primePlainRuns(ctx: TextContext, face: FontFace, text: string): number | null {
	const cache = (ctx.doc as unknown as { _font?: PdfKitLayoutCache })._font?.layoutCache;
	if (!cache) return null;
	let total: number | null = 0;
	// The same words pdfkit's EmbeddedFont.layout makes: each ends after a space or tab.
	let last = 0;
	for (let index = 0; index <= text.length; ) {
		const char = text[index];
		if (!((index === text.length && last < index) || char === ' ' || char === '\t')) {
			index += 1;
			continue;
		}
		index += 1;
		const word = text.slice(last, index);
		last = index;
		const cached = cache[word];
		if (cached) {
			if (total !== null) total += cached.advanceWidth;
			continue;
		}
		if (NEEDS_SHAPING.test(word)) {
			total = null;
			continue;
		}
		const glyphs: PlainGlyph[] = [];
		const positions: GlyphPosition[] = [];
		let advanceWidth = 0;
		for (let i = 0; i < word.length; i++) {
			const codePoint = word.codePointAt(i) ?? 0;
			if (codePoint > 0xffff) i += 1;
			const { glyph, advance } = plainGlyph(face, codePoint);
			glyphs.push(glyph);
			positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
			advanceWidth += advance;
		}
		cache[word] = { glyphs, positions, advanceWidth };
		if (total !== null) total += advanceWidth;
	}
	return total;
}

function spaceWidth(ctx: TextContext, face: FontFace, size: number): number {
	const key = `${face}/${size}`;
	let width = ctx.spaceWidths.get(key);
	if (width === undefined) {
		width = measure(ctx, face, size, ' ', false);
		ctx.spaceWidths.set(key, width);
	}
	return width;
}

/** A paragraph prepared for layout: its text, and per UTF-16 unit its span, face and level. */
interface Prepared {
	text: string;
	span: Uint16Array;
	faces: FontFace[];
	embedding: EmbeddingLevels | null;
	spans: TextSpan[];
	style: TextStyle;
}

// Characters that take the family of the letters around them: white space,
// punctuation, symbols, digits, combining marks and the joiners (ZWNJ matters in Persian).
const NEUTRAL = /[\p{Z}\p{P}\p{S}\p{N}\p{M}\p{Cf}\s]/u;

function prepare(ctx: TextContext, spans: TextSpan[], style: TextStyle): Prepared {
	const parts = spans.map((span) => span.text.normalize('NFC'));
	const text = parts.join('');
	const span = new Uint16Array(text.length);
	let offset = 0;
	parts.forEach((part, index) => {
		span.fill(index, offset, offset + part.length);
		offset += part.length;
	});
	const han = hanPreferenceOfText(text, style.han ?? ctx.han);
	const families = assignFamilies(text, han);
	const faces: FontFace[] = new Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const s = spans[span[i] ?? 0];
		faces[i] = faceFor(families[i] ?? 'serif', {
			bold: Boolean(style.bold || s?.bold),
			italic: Boolean(style.italic || s?.italic)
		});
	}
	const direction = style.direction ?? ctx.direction;
	const embedding = direction === 'rtl' || hasRightToLeft(text) ? resolveLevels(spans, parts, direction) : null;
	return { text, span, faces, embedding, spans, style };
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Bidi levels of the joined spans. Isolated spans are wrapped in FSI…PDI for the
 * algorithm only; the marks are then dropped again, so they are neither drawn
 * (fonts have no glyph for them) nor copied out of the PDF.
 */
function resolveLevels(spans: TextSpan[], parts: string[], direction: Direction): EmbeddingLevels {
	if (!spans.some((span) => span.isolate)) return bidi.getEmbeddingLevels(parts.join(''), direction);
	const keep: boolean[] = [];
	let marked = '';
	parts.forEach((part, index) => {
		if (spans[index]?.isolate) {
			marked += FIRST_STRONG_ISOLATE + part + POP_DIRECTIONAL_ISOLATE;
			keep.push(false);
			for (let k = 0; k < part.length; k++) keep.push(true);
			keep.push(false);
		} else {
			marked += part;
			for (let k = 0; k < part.length; k++) keep.push(true);
		}
	});
	const resolved = bidi.getEmbeddingLevels(marked, direction);
	const levels = new Uint8Array(parts.join('').length);
	const cleanIndex: number[] = [];
	let j = 0;
	for (let i = 0; i < marked.length; i++) {
		cleanIndex.push(j);
		if (keep[i]) levels[j++] = resolved.levels[i] ?? 0;
	}
	const paragraphs = resolved.paragraphs.map((paragraph) => ({
		level: paragraph.level,
		start: cleanIndex[paragraph.start] ?? 0,
		end: Math.max(0, Math.min(levels.length - 1, (cleanIndex[paragraph.end] ?? levels.length) - (keep[paragraph.end] ? 0 : 1)))
	}));
	return { levels, paragraphs };
}

/** Per UTF-16 unit, the family that draws it (both units of a surrogate pair get the same). */
function assignFamilies(text: string, han: HanPreference): (FontFamily | null)[] {
	const families: (FontFamily | null)[] = new Array(text.length).fill(null);
	const neutral: boolean[] = new Array(text.length).fill(false);
	for (let i = 0; i < text.length; ) {
		const codePoint = text.codePointAt(i) ?? 0;
		const units = codePoint > 0xffff ? 2 : 1;
		const char = text.slice(i, i + units);
		const family = familyForCodePoint(codePoint, han);
		for (let k = 0; k < units; k++) {
			families[i + k] = family;
			neutral[i + k] = NEUTRAL.test(char);
		}
		i += units;
	}
	// A neutral between two letters of one family, or after the last letter, joins
	// that family when its font has the character; otherwise it keeps its own.
	let previous: FontFamily | null = null;
	for (let i = 0; i < text.length; i++) {
		if (!neutral[i]) {
			previous = families[i] ?? null;
			continue;
		}
		const next = nextStrongFamily(families, neutral, i);
		const wanted = previous ?? next;
		if (wanted && (next === null || next === wanted) && wanted !== families[i]) {
			const codePoint = text.codePointAt(i) ?? 0;
			if (loadFont(faceFor(wanted, { bold: false, italic: false })).hasGlyphForCodePoint(codePoint)) {
				families[i] = wanted;
			}
		}
	}
	return families;
}

function nextStrongFamily(families: (FontFamily | null)[], neutral: boolean[], from: number): FontFamily | null {
	for (let j = from + 1; j < families.length; j++) {
		if (!neutral[j]) return families[j] ?? null;
	}
	return null;
}

function levelAt(p: Prepared, index: number): number {
	return p.embedding ? (p.embedding.levels[index] ?? 0) : 0;
}

function hrefAt(p: Prepared, index: number): string | null {
	return p.spans[p.span[index] ?? 0]?.href ?? null;
}

/** The pieces of logical range [start, end) of a paragraph, in visual order, measured. */
function visualPieces(ctx: TextContext, p: Prepared, start: number, end: number): Piece[] {
	if (end <= start) return [];
	let order: number[];
	if (p.embedding) {
		order = Array.from({ length: end - start }, (_, i) => start + i);
		for (const [from, to] of bidi.getReorderSegments(p.text, p.embedding, start, end - 1)) {
			if (from === undefined || to === undefined) continue;
			const reversed = order.slice(from - start, to - start + 1).reverse();
			order.splice(from - start, reversed.length, ...reversed);
		}
	} else {
		order = [];
		for (let i = start; i < end; i++) order.push(i);
	}
	const pieces: Piece[] = [];
	let groupStart = 0;
	for (let k = 1; k <= order.length; k++) {
		const index = order[k] ?? -1;
		const previous = order[k - 1] ?? -1;
		const level = levelAt(p, previous);
		const step = level % 2 === 1 ? -1 : 1;
		const sameGroup =
			k < order.length &&
			index === previous + step &&
			levelAt(p, index) === level &&
			p.faces[index] === p.faces[previous] &&
			hrefAt(p, index) === hrefAt(p, previous);
		if (sameGroup) continue;
		pieces.push(makePiece(ctx, p, order.slice(groupStart, k)));
		groupStart = k;
	}
	return pieces;
}

function makePiece(ctx: TextContext, p: Prepared, indices: number[]): Piece {
	const first = indices[0] ?? 0;
	const last = indices[indices.length - 1] ?? first;
	const low = Math.min(first, last);
	const high = Math.max(first, last);
	const logical = p.text.slice(low, high + 1);
	const face = p.faces[first] ?? 'serif-regular';
	const rightToLeft = levelAt(p, first) % 2 === 1;
	const complex = isComplexFamily(familyOf(face));
	// fontkit orients a run by its script: Arabic-script text (Persian digits
	// included) comes back right to left, anything else left to right.
	const fontkitReverses = complex && hasRightToLeft(logical);
	let text = logical;
	let shapeWhole = complex;
	if (rightToLeft && fontkitReverses) {
		// fontkit mirrors brackets itself only through the font's rtlm feature.
		if (!hasMirroring(face)) text = mirrored(logical);
	} else if (rightToLeft) {
		// No right-to-left letter for fontkit to orient the run by (brackets, spaces,
		// symbols between RTL words): put the characters in visual order here.
		text = mirrored(Array.from(logical).reverse().join(''));
		shapeWhole = false;
	} else if (fontkitReverses) {
		// Persian digits (۱۴۰۳) read left to right, but fontkit would reverse them
		// as Arabic script: hand it them reversed, so its reversal restores them.
		text = Array.from(logical).reverse().join('');
	}
	const width = measure(ctx, face, p.style.size, text, shapeWhole, p.style.plain);
	return { text, face, shapeWhole, width, href: hrefAt(p, first) };
}

function mirrored(text: string): string {
	return Array.from(text, (char) => bidi.getMirroredCharacter(char) ?? char).join('');
}

const mirroringFaces = new Map<FontFace, boolean>();

function hasMirroring(face: FontFace): boolean {
	let has = mirroringFaces.get(face);
	if (has === undefined) {
		has = loadFont(face).availableFeatures.includes('rtlm');
		mirroringFaces.set(face, has);
	}
	return has;
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
		width += measure(ctx, face, p.style.size, p.text.slice(from, i), isComplexFamily(familyOf(face)), p.style.plain);
		from = i;
	}
	return width;
}

function words(ctx: TextContext, p: Prepared): Word[] {
	const breaker = new LineBreaker(p.text);
	const list: Word[] = [];
	let start = 0;
	for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
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

/** Splits a word wider than the line (a long URL) at code point boundaries. */
function splitWord(ctx: TextContext, p: Prepared, word: Word, maxWidth: number): Word[] {
	const parts: Word[] = [];
	let start = word.start;
	while (start < word.visibleEnd) {
		let end = start + ((p.text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
		while (end < word.visibleEnd) {
			const next = end + ((p.text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
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

/**
 * Breaks styled text into lines no wider than maxWidth, each already in visual
 * order and measured.
 */
export function layoutText(
	ctx: TextContext,
	spans: TextSpan[],
	style: TextStyle,
	maxWidth: number
): TextLine[] {
	const p = prepare(ctx, spans, style);
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

function sum(pieces: Piece[]): number {
	let width = 0;
	for (const piece of pieces) width += piece.width;
	return width;
}

/** start and end follow the letter's direction; left and right are fixed. */
export type Align = 'start' | 'end' | 'center' | 'left' | 'right';

/**
 * Draws a line with its baseline at `baseline`, inside [x, x + width]. Alignment
 * follows the letter's direction even for a line whose own base direction differs
 * (an English label in a Dari letter still starts at the right).
 */
export function drawLine(
	ctx: TextContext,
	line: TextLine,
	style: TextStyle,
	box: { x: number; width: number; baseline: number; align?: Align }
): void {
	const align = box.align ?? 'start';
	const atLeft =
		align === 'left' || (align !== 'right' && (align === 'start') === (ctx.direction === 'ltr'));
	let x =
		align === 'center'
			? box.x + (box.width - line.width) / 2
			: atLeft
				? box.x
				: box.x + box.width - line.width;
	for (const piece of line.pieces) {
		const linked = piece.href !== null && style.linkStyle !== false;
		useFace(ctx, piece.face, style.size);
		useColor(ctx, linked ? LINK_COLOR : style.color);
		ctx.doc.text(piece.text, x, box.baseline, {
			lineBreak: false,
			baseline: 'alphabetic',
			features: piece.shapeWhole ? WHOLE_RUN : undefined,
			// Already measured: pdfkit would otherwise measure the piece once more.
			textWidth: piece.width,
			wordCount: 1
		} as PDFKit.Mixins.TextOptions);
		if (piece.href !== null) {
			ctx.doc.link(x, box.baseline - style.size * 0.95, piece.width, style.size * 1.25, piece.href);
			if (linked) {
				const y = box.baseline + style.size * 0.12;
				ctx.doc.save().lineWidth(0.5).strokeColor(LINK_COLOR).moveTo(x, y).lineTo(x + piece.width, y).stroke().restore();
			}
		}
		x += piece.width;
	}
}

/** The text of a line as pdfkit receives it, for tests of visual order. */
export function lineText(line: TextLine): string {
	return line.pieces.map((piece) => piece.text).join('');
}
