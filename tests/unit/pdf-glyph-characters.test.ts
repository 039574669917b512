import { describe, expect, it } from 'vitest';
import { faceFor, loadFont } from '../../src/lib/server/pdf/fonts';

/*
 * pdfkit writes a glyph's characters into the PDF's ToUnicode map. fontkit caches
 * glyph objects per id with the characters they were first made for, so a glyph
 * first made without characters (as subsetting does for a composite's components)
 * once copied out as nothing in every later document: "Ärzte" extracted as "Är te".
 */
describe('glyph characters whatever was rendered before (the text layer, IG4)', () => {
	it('a glyph first made without characters still carries the characters asked for', () => {
		const font = loadFont(faceFor('serif', { bold: false, italic: false }));
		const { id } = font.glyphForCodePoint(0x7a);
		(font as unknown as { _glyphs: Record<number, unknown> })._glyphs[id] = undefined;
		font.getGlyph(id);
		expect(font.glyphForCodePoint(0x7a).codePoints).toEqual([0x7a]);
		expect(font.layout('Ärzte').glyphs.map((glyph) => glyph.codePoints)).toEqual([[0xc4], [0x72], [0x7a], [0x74], [0x65]]);
	});

	it('one outline shared by two characters answers for the one asked', () => {
		const font = loadFont(faceFor('serif', { bold: false, italic: false }));
		const latin = font.glyphForCodePoint(0x4d);
		const cyrillic = font.glyphForCodePoint(0x41c);
		expect(latin.codePoints).toEqual([0x4d]);
		expect(cyrillic.codePoints).toEqual([0x41c]);
	});
});
