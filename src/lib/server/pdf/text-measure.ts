import { familyOf, hasRightToLeft, isHarfBuzzFamily, loadFont, type FontFace } from './fonts';
import { shapeRun } from './shaping';
import { pdfkitWords, type CachedGlyph, type CachedRun, type GlyphPosition } from './pdfkit-internals';
import type { TextContext } from './text-types';

/*
 * Measuring runs of text in one face. Every piece is measured from the glyph run
 * it is drawn with (written by writeGlyphRun, text-drawing.ts), so what is
 * measured is what is drawn. Runs are laid out as pdfkit would (fontkit,
 * word by word, or the whole run for joining scripts) but kept for the process:
 * pdfkit's own cache lives only as long as one document.
 */

/** Sets pdfkit's font only when it changes: each change writes operators. */
export function useFace(ctx: TextContext, face: FontFace, size: number): void {
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

// pdfkit shapes each space-separated word on its own (and caches it) unless
// features are given; an empty list makes it shape the whole string with fontkit's
// default features, which a joining right-to-left run needs.
export const WHOLE_RUN: PDFKit.Mixins.OpenTypeFeatures[] = [];

export function measure(face: FontFace, size: number, text: string, shapeWhole: boolean, plain = false): number {
	if (isHarfBuzzFamily(familyOf(face))) return (shapeRun(face, text, hasRightToLeft(text)).advanceWidth * size) / 1000;
	if (shapeWhole) return (wholeRun(face, text).advanceWidth * size) / 1000;
	return (wordsWidth(face, text, plain) * size) / 1000;
}

/*
 * Runs fontkit shapes (a word, or a joining right-to-left run whole), kept for the
 * process like HarfBuzz runs: a letter's words repeat, a name is measured for
 * breaking, again for its line, and drawn. Bounded: cleared when full.
 */
const wholeRuns = new Map<string, CachedRun>();
const MAX_WHOLE_RUNS = 5000;

/**
 * A run shaped as one string with fontkit's default features, in 1000ths of an
 * em: what pdfkit's layout gives for one word, or for a whole run with WHOLE_RUN.
 */
export function wholeRun(face: FontFace, text: string): CachedRun {
	const key = `${face}\u0000${text}`;
	let run = wholeRuns.get(key);
	if (run) return run;
	const font = loadFont(face);
	const scale = 1000 / font.unitsPerEm;
	const shaped = font.layout(text, []);
	const positions: GlyphPosition[] = [];
	let advanceWidth = 0;
	shaped.positions.forEach((position, index) => {
		const xAdvance = position.xAdvance * scale;
		positions.push({
			xAdvance,
			yAdvance: position.yAdvance * scale,
			xOffset: position.xOffset * scale,
			yOffset: position.yOffset * scale,
			advanceWidth: (shaped.glyphs[index]?.advanceWidth ?? 0) * scale
		});
		advanceWidth += xAdvance;
	});
	run = { glyphs: shaped.glyphs, positions, advanceWidth };
	if (wholeRuns.size >= MAX_WHOLE_RUNS) wholeRuns.clear();
	wholeRuns.set(key, run);
	return run;
}

export function spaceWidth(ctx: TextContext, face: FontFace, size: number): number {
	const key = `${face}/${size}`;
	let width = ctx.spaceWidths.get(key);
	if (width === undefined) {
		width = measure(face, size, ' ', false);
		ctx.spaceWidths.set(key, width);
	}
	return width;
}

// Characters a word must not contain to be set glyph by glyph: combining marks,
// joiners, Arabic script and conjoining Hangul jamo all need the shaper.
const NEEDS_SHAPING = /[\p{M}\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]|\u200c|\u200d/u;

interface PlainGlyph {
	glyph: CachedGlyph;
	/** Shared by every use of the glyph: nothing writes to a cached position. */
	position: GlyphPosition;
	advance: number;
}

/** Per face, glyph and advance (in 1000ths of an em) by code point; fonts are process-wide, so is this. */
const plainGlyphs = new Map<FontFace, Map<number, PlainGlyph>>();

/*
 * Plain runs use their own glyph objects, not fontkit's cached ones, whose
 * characters depend on what the process rendered before.
 */
function plainGlyph(face: FontFace, codePoint: number): PlainGlyph {
	let glyphs = plainGlyphs.get(face);
	if (!glyphs) {
		glyphs = new Map();
		plainGlyphs.set(face, glyphs);
	}
	let entry = glyphs.get(codePoint);
	if (!entry) {
		const font = loadFont(face);
		const { id, advanceWidth } = font.glyphForCodePoint(codePoint);
		const advance = (advanceWidth * 1000) / font.unitsPerEm;
		entry = {
			glyph: { id, advanceWidth, codePoints: [codePoint] },
			position: { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance },
			advance
		};
		glyphs.set(codePoint, entry);
	}
	return entry;
}

/**
 * A run laid out word by word as pdfkit would: each word (ending after a space or
 * tab) shaped by fontkit, or, in a plain style (TextStyle.plain), set glyph by
 * glyph without kerning or ligatures unless it needs the shaper (marks, joiners,
 * Arabic script).
 */
export function wordsRun(face: FontFace, text: string, plain = false): CachedRun {
	const glyphs: CachedGlyph[] = [];
	const positions: GlyphPosition[] = [];
	let advanceWidth = 0;
	for (const word of pdfkitWords(text)) {
		if (!plain || NEEDS_SHAPING.test(word)) {
			const shaped = wholeRun(face, word);
			glyphs.push(...shaped.glyphs);
			positions.push(...shaped.positions);
			advanceWidth += shaped.advanceWidth;
			continue;
		}
		for (let i = 0; i < word.length; i++) {
			const codePoint = word.codePointAt(i) ?? 0;
			if (codePoint > 0xffff) i += 1;
			const entry = plainGlyph(face, codePoint);
			glyphs.push(entry.glyph);
			positions.push(entry.position);
			advanceWidth += entry.advance;
		}
	}
	return { glyphs, positions, advanceWidth };
}

/** A words run's width in 1000ths of an em, without building the run. */
function wordsWidth(face: FontFace, text: string, plain: boolean): number {
	let width = 0;
	if (!plain || NEEDS_SHAPING.test(text)) {
		for (const word of pdfkitWords(text)) width += plain && !NEEDS_SHAPING.test(word) ? plainWidth(face, word) : wholeRun(face, word).advanceWidth;
		return width;
	}
	return plainWidth(face, text);
}

function plainWidth(face: FontFace, text: string): number {
	let width = 0;
	for (let i = 0; i < text.length; i++) {
		const codePoint = text.codePointAt(i) ?? 0;
		if (codePoint > 0xffff) i += 1;
		width += plainGlyph(face, codePoint).advance;
	}
	return width;
}
