/*
 * The one place that reaches into pdfkit's private state (pdfkit 0.20).
 *
 * pdfkit lays text out one space-separated word at a time (EmbeddedFont.layout:
 * each word ends after a space or tab) and keeps each word's glyphs in the current
 * font's `layoutCache`, which measuring (widthOfString) and drawing (encode) share.
 * A word put into that cache before pdfkit asks for it is drawn with the glyphs
 * given here, without fontkit's shaping. tests/unit/pdf-layout-cache.test.ts fails
 * if a pdfkit upgrade changes any of this.
 */

export interface GlyphPosition {
	xAdvance: number;
	yAdvance: number;
	xOffset: number;
	yOffset: number;
	advanceWidth: number;
}

/**
 * What pdfkit reads of a glyph when it writes one: its id, advance (font units) and
 * the characters it stands for (the PDF's ToUnicode entry for the glyph).
 */
export interface CachedGlyph {
	id: number;
	advanceWidth: number;
	codePoints: number[];
}

/** One word's layout: positions in 1000ths of an em, as pdfkit keeps them. */
export interface CachedRun {
	glyphs: CachedGlyph[];
	positions: GlyphPosition[];
	advanceWidth: number;
}

/**
 * The layout cache of the document's current font, or null when this pdfkit has
 * none (callers then let pdfkit shape as usual: slower, still correct).
 */
export function pdfkitLayoutCache(doc: PDFKit.PDFDocument): Record<string, CachedRun> | null {
	const font = (doc as unknown as { _font?: { layoutCache?: Record<string, CachedRun> } })._font;
	const cache = font?.layoutCache;
	return cache && typeof cache === 'object' ? cache : null;
}

/**
 * Splits text into the words pdfkit's EmbeddedFont.layout looks up in its cache:
 * each ends after a space or tab.
 */
export function pdfkitWords(text: string): string[] {
	const words: string[] = [];
	let last = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === ' ' || char === '\t') {
			words.push(text.slice(last, index + 1));
			last = index + 1;
		}
	}
	if (last < text.length) words.push(text.slice(last));
	return words;
}
