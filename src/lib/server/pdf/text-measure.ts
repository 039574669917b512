import { familyOf, hasRightToLeft, isHarfBuzzFamily, loadFont, type FontFace } from './fonts';
import { shapeRun } from './shaping';
import { pdfkitWords, type CachedGlyph, type CachedRun, type GlyphPosition } from './pdfkit-layout-cache';
import type { TextContext } from './text-types';

/*
 * Measuring runs of text in one face, through pdfkit (so that what is measured is
 * what is drawn), with a fast path for long lists of simple names.
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

export function measure(ctx: TextContext, face: FontFace, size: number, text: string, shapeWhole: boolean, plain = false): number {
	if (isHarfBuzzFamily(familyOf(face))) return (shapeRun(face, text, hasRightToLeft(text)).advanceWidth * size) / 1000;
	if (shapeWhole) return (wholeRun(face, text).advanceWidth * size) / 1000;
	if (plain) return (plainWidth(face, text) * size) / 1000;
	useFace(ctx, face, size);
	return ctx.doc.widthOfString(text);
}

/*
 * Runs fontkit shapes whole (joining right-to-left text), kept for the process
 * like HarfBuzz runs: a name is measured for breaking, again for its line, and
 * drawn, and each would shape it anew. Bounded: cleared when full.
 */
const wholeRuns = new Map<string, CachedRun>();
const MAX_WHOLE_RUNS = 5000;

/**
 * A run shaped as one string with fontkit's default features, in 1000ths of an
 * em: what pdfkit's layout gives for the same text and WHOLE_RUN, drawn from its
 * layout cache like a HarfBuzz run.
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
		width = measure(ctx, face, size, ' ', false);
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
 * A plain run: simple words glyph by glyph (no kerning or ligatures), words that
 * need the shaper (marks, joiners, Arabic script) shaped by fontkit one by one, as
 * pdfkit would. Measuring and drawing read the same run, so what is measured is
 * what is drawn, and the run is drawn from pdfkit's layout cache like a shaped one.
 */
export function plainRun(face: FontFace, text: string): CachedRun {
	const glyphs: CachedGlyph[] = [];
	const positions: GlyphPosition[] = [];
	let advanceWidth = 0;
	for (const word of pdfkitWords(text)) {
		if (NEEDS_SHAPING.test(word)) {
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

/** A plain run's width in 1000ths of an em, without building the run. */
function plainWidth(face: FontFace, text: string): number {
	if (NEEDS_SHAPING.test(text)) return plainRun(face, text).advanceWidth;
	let width = 0;
	for (let i = 0; i < text.length; i++) {
		const codePoint = text.codePointAt(i) ?? 0;
		if (codePoint > 0xffff) i += 1;
		width += plainGlyph(face, codePoint).advance;
	}
	return width;
}
