import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { loadFont } from '../../src/lib/server/pdf/fonts';
import { hasPoppler } from '../helpers/pdf-text';
import { collectPdfOutput, pdfkitLayoutCache, pdfkitWords, writeGlyphLine } from '../../src/lib/server/pdf/pdfkit-layout-cache';

/*
 * The plain-run fast path and HarfBuzz runs write into pdfkit's private layout
 * cache (pdfkit-layout-cache.ts). These tests fail if a pdfkit upgrade changes
 * what that relies on: the cache's place, the words pdfkit looks up in it, and
 * that measuring and drawing both read the glyphs put there.
 */
/** Enough different glyphs that the subset's codes reach 0x0A, 0x0D, 0x28, 0x29 and 0x5C. */
const EVERY_LATIN_LETTER = Array.from({ length: 0x17f - 0x21 }, (_, i) => String.fromCodePoint(0x21 + i))
	.filter((char) => /\p{L}|\p{N}/u.test(char))
	.slice(0, 120)
	.join('');

/** The words pdftotext finds on the document's only page, with their boxes. */
async function wordBoxes(doc: PDFKit.PDFDocument): Promise<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }[]> {
	const bytes = collectPdfOutput(doc);
	doc.end();
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-glyph-line-')), 'line.pdf');
	fs.writeFileSync(file, await bytes);
	const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
	return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
		xMin: Number(m[1]),
		yMin: Number(m[2]),
		xMax: Number(m[3]),
		yMax: Number(m[4]),
		text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	}));
}

function documentWithFont() {
	const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, compress: false });
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

	/*
	 * writeGlyphLine draws what text() draws for one unwrapped line, in one chunk:
	 * the same glyphs, in the font's subset in the same order, at the same places
	 * as pdftotext reads them back, and the font on the page. Kerning ("AV", "To")
	 * and a mark placed off the pen ("e" + U+0301) take the TJ adjustments and the
	 * in-line text matrices; the long line takes glyph codes whose bytes must be
	 * escaped in a literal string: ( ) \\ and the line ends.
	 */
	it.skipIf(!hasPoppler).each(['Hello world', 'AVAV To Wa', 'Cafe\u0301 na\u0308ive', EVERY_LATIN_LETTER])('draws what text() draws: %j', async (text) => {
		// Small, so the long line stays on the page (pdftotext drops what is off it).
		const viaText = documentWithFont().fontSize(5);
		viaText.text(text, 72.25, 100.5, { lineBreak: false, baseline: 'alphabetic' } as PDFKit.Mixins.TextOptions);
		const direct = documentWithFont().fontSize(5);
		expect(writeGlyphLine(direct, text, 72.25, 100.5)).toBe(true);
		expect(pageContent(direct)).toMatch(/\] TJ\nET\n$/);
		if (text === EVERY_LATIN_LETTER) for (const escaped of ['\\(', '\\)', '\\\\', '\\n', '\\r']) expect(pageContent(direct)).toContain(escaped);
		const font = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { id: string; subset: { glyphs: number[] } } })._font;
		expect(font(direct).subset.glyphs).toEqual(font(viaText).subset.glyphs);
		expect(Object.keys((direct as unknown as { page: { fonts: object } }).page.fonts)).toContain(font(direct).id);
		const [expected, actual] = await Promise.all([wordBoxes(viaText), wordBoxes(direct)]);
		expect(actual.map((w) => w.text)).toEqual(expected.map((w) => w.text));
		// pdftotext writes some letters decomposed or as compatibility forms (ŉ, ĳ).
		expect(actual.map((w) => w.text).join(' ').normalize('NFKC')).toBe(text.normalize('NFKC'));
		actual.forEach((word, index) => {
			for (const edge of ['xMin', 'yMin', 'xMax', 'yMax'] as const) expect(word[edge]).toBeCloseTo(expected[index]![edge], 2);
		});
	});

	it('places marks with their own text matrix', () => {
		const doc = documentWithFont();
		writeGlyphLine(doc, 'Cafe\u0301', 10, 20);
		expect(pageContent(doc).match(/ Tm\n/g)?.length ?? 0).toBeGreaterThan(1);
	});

	it('writes operators around the line in the same chunk', () => {
		const doc = documentWithFont();
		writeGlyphLine(doc, 'x', 0, 10, '/Span <</ActualText <FEFF0078>>> BDC\n', '\nEMC');
		expect(pageContent(doc)).toMatch(/\/Span <<\/ActualText <FEFF0078>>> BDC\nBT\n[\s\S]*\nET\nEMC\n$/);
	});
});

describe("pdfkit's output, collected without its stream", () => {
	function smallDocument() {
		const doc = new PDFDocument({ font: null as unknown as string, info: { CreationDate: new Date(0) }, compress: true });
		doc.font(loadFont('serif-regular') as unknown as PDFKit.Mixins.PDFFontSource, 'serif-regular').fontSize(10);
		doc.text('Collected', 72, 72, { lineBreak: false });
		doc.addPage();
		doc.text('Second page', 72, 72, { lineBreak: false });
		return doc;
	}

	it('is the same file, byte for byte, as the stream gives', async () => {
		const viaStream = smallDocument();
		const chunks: Buffer[] = [];
		viaStream.on('data', (chunk: Buffer) => chunks.push(chunk));
		const streamed = new Promise<Buffer>((resolve) => viaStream.on('end', () => resolve(Buffer.concat(chunks))));
		viaStream.end();
		const direct = smallDocument();
		const collected = collectPdfOutput(direct);
		direct.end();
		const [expected, actual] = await Promise.all([streamed, collected]);
		expect(actual.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
		expect(actual.equals(expected)).toBe(true);
		// The cross-reference table is where startxref says: pdfkit's offsets were kept.
		const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(actual.toString('latin1'))?.[1]);
		expect(actual.subarray(startxref, startxref + 4).toString('latin1')).toBe('xref');
	});
});

/** The operators written to the current page so far (the document is uncompressed). */
function pageContent(doc: PDFKit.PDFDocument): string {
	const chunks = (doc as unknown as { page: { content: { buffer: Uint8Array[] } } }).page.content.buffer;
	return Buffer.concat(chunks).toString('latin1');
}
