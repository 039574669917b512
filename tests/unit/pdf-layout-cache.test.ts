import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { loadFont } from '../../src/lib/server/pdf/fonts';
import { pdfkitLayoutCache, pdfkitWords } from '../../src/lib/server/pdf/pdfkit-layout-cache';

/*
 * The plain-run fast path and HarfBuzz runs write into pdfkit's private layout
 * cache (pdfkit-layout-cache.ts). These tests fail if a pdfkit upgrade changes
 * what that relies on: the cache's place, the words pdfkit looks up in it, and
 * that measuring and drawing both read the glyphs put there.
 */
function documentWithFont() {
	const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
	doc.addPage({ size: 'A4' });
	doc.font(loadFont('serif-regular') as unknown as PDFKit.Mixins.PDFFontSource, 'serif-regular').fontSize(10);
	return doc;
}

describe("pdfkit's layout cache", () => {
	it('is found on the current font', () => {
		const doc = documentWithFont();
		expect(pdfkitLayoutCache(doc)).not.toBeNull();
	});

	it('is looked up word by word, each word ending after a space or tab', () => {
		const doc = documentWithFont();
		const cache = pdfkitLayoutCache(doc)!;
		doc.widthOfString('ab cd\tef');
		expect(Object.keys(cache).sort()).toEqual(pdfkitWords('ab cd\tef').sort());
		expect(pdfkitWords('ab cd\tef')).toEqual(['ab ', 'cd\t', 'ef']);
	});

	it('gives measuring and drawing the glyphs put into it', () => {
		const doc = documentWithFont();
		const cache = pdfkitLayoutCache(doc)!;
		const font = loadFont('serif-regular');
		const glyph = font.glyphForCodePoint(0x5a); // Z
		const advance = (glyph.advanceWidth * 1000) / font.unitsPerEm;
		// The word "q" is drawn as two Zs.
		cache['q'] = {
			glyphs: [
				{ id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: [0x71] },
				{ id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: [] }
			],
			positions: [0, 1].map(() => ({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance })),
			advanceWidth: 2 * advance
		};
		expect(doc.widthOfString('q')).toBeCloseTo((2 * advance * 10) / 1000, 6);
		const internals = doc as unknown as { _font: { encode(text: string): [string[], unknown[]]; subset: { glyphs: number[] } } };
		const [encoded] = internals._font.encode('q');
		expect(encoded).toHaveLength(2);
		expect(internals._font.subset.glyphs).toContain(glyph.id);
	});
});
