import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { loadFont } from '../../src/lib/server/pdf/fonts';
import { hasPoppler } from '../helpers/pdf-text';
import { cachedRunReader, collectPdfOutput, pdfkitRun, pdfkitWords, pdfNumber, writeGlyphRun } from '../../src/lib/server/pdf/pdfkit-internals';
import { harfBuzzShape, shapeRun, shapedRunReader } from '../../src/lib/server/pdf/shaping';

/*
 * Measured glyph runs are written straight into pdfkit's page content and font
 * subset (pdfkit-internals.ts). These tests fail if a pdfkit upgrade changes
 * what that relies on: how pdfkit splits text into words, its font's subset,
 * widths and ToUnicode entries, and that what is written reads back as pdfkit's
 * own text() would.
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

describe('writing glyph runs into pdfkit', () => {
	it('splits text into words as pdfkit lays it out: each ends after a space or tab', () => {
		const doc = documentWithFont();
		const font = (doc as unknown as { _font: { layoutCache: Record<string, unknown> } })._font;
		doc.widthOfString('ab cd\tef');
		expect(Object.keys(font.layoutCache).sort()).toEqual(pdfkitWords('ab cd\tef').sort());
		expect(pdfkitWords('ab cd\tef')).toEqual(['ab ', 'cd\t', 'ef']);
	});

	/*
	 * writeGlyphRun draws what text() draws for one unwrapped line, in one chunk:
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
		expect(writeGlyphRun(direct, cachedRunReader(pdfkitRun(direct, text)), 72.25, 100.5)).toBe(true);
		expect(pageContent(direct)).toMatch(/\] TJ\nET\n$/);
		if (text === EVERY_LATIN_LETTER) for (const escaped of ['\\(', '\\)', '\\\\', '\\n', '\\r']) expect(pageContent(direct)).toContain(escaped);
		const font = (doc: PDFKit.PDFDocument) => fontOf(doc);
		expect(font(direct).subset.glyphs).toEqual(font(viaText).subset.glyphs);
		expect(font(direct).widths).toEqual(font(viaText).widths);
		expect(font(direct).unicode).toEqual(font(viaText).unicode);
		expect(Object.keys((direct as unknown as { page: { fonts: object } }).page.fonts)).toContain(font(direct).id);
		const [expected, actual] = await Promise.all([wordBoxes(viaText), wordBoxes(direct)]);
		expect(actual.map((w) => w.text)).toEqual(expected.map((w) => w.text));
		// pdftotext writes some letters decomposed or as compatibility forms (ŉ, ĳ).
		expect(actual.map((w) => w.text).join(' ').normalize('NFKC')).toBe(text.normalize('NFKC'));
		actual.forEach((word, index) => {
			for (const edge of ['xMin', 'yMin', 'xMax', 'yMax'] as const) expect(word[edge]).toBeCloseTo(expected[index]![edge], 2);
		});
	});

	it('writes a HarfBuzz run as it writes the same glyphs given as objects', () => {
		const text = 'Cafe\u0301 AV';
		const shaped = shapeRun('serif-regular', text, false);
		const asObjects = harfBuzzShape('serif-regular', text, false);
		const font = loadFont('serif-regular');
		const scale = 1000 / font.unitsPerEm;
		const run = {
			glyphs: asObjects.map((g) => ({ id: g.glyph, advanceWidth: font.getGlyph(g.glyph).advanceWidth, codePoints: [] })),
			positions: asObjects.map((g) => ({
				xAdvance: g.xAdvance * scale,
				yAdvance: 0,
				xOffset: g.xOffset * scale,
				yOffset: g.yOffset * scale,
				advanceWidth: font.getGlyph(g.glyph).advanceWidth * scale
			})),
			advanceWidth: shaped.advanceWidth
		};
		const [viaReader, viaObjects] = [documentWithFont(), documentWithFont()];
		writeGlyphRun(viaReader, shapedRunReader(shaped), 10, 20);
		writeGlyphRun(viaObjects, cachedRunReader(run), 10, 20);
		expect(pageContent(viaReader)).toBe(pageContent(viaObjects));
		expect(fontOf(viaReader).widths).toEqual(fontOf(viaObjects).widths);
		// The reader gives each cluster's characters to its first glyph.
		expect(fontOf(viaReader).unicode.filter((u) => u && u.length > 0).map((u) => String.fromCodePoint(...u!)).join('')).toContain('e\u0301');
	});

	it('keeps each document\'s subset apart', () => {
		const first = documentWithFont();
		writeGlyphRun(first, cachedRunReader(pdfkitRun(first, 'b')), 10, 20);
		const second = documentWithFont();
		writeGlyphRun(second, cachedRunReader(pdfkitRun(second, 'ab')), 10, 20);
		const glyphOf = (char: string) => loadFont('serif-regular').glyphForCodePoint(char.codePointAt(0)!).id;
		expect(fontOf(first).subset.glyphs).toEqual([0, glyphOf('b')]);
		expect(fontOf(second).subset.glyphs).toEqual([0, glyphOf('a'), glyphOf('b')]);
		// Codes 1 and 2 in the second document: "a" then "b", as two bytes each.
		expect(pageContent(second)).toContain('(\u0000\u0001\u0000\u0002) 0] TJ');
	});

	it('places marks with their own text matrix', () => {
		const doc = documentWithFont();
		writeGlyphRun(doc, cachedRunReader(pdfkitRun(doc, 'Cafe\u0301')), 10, 20);
		expect(pageContent(doc).match(/ Tm\n/g)?.length ?? 0).toBeGreaterThan(1);
	});

	it('writes operators around the line in the same chunk', () => {
		const doc = documentWithFont();
		writeGlyphRun(doc, cachedRunReader(pdfkitRun(doc, 'x')), 0, 10, '/Span <</ActualText <FEFF0078>>> BDC\n', '\nEMC');
		expect(pageContent(doc)).toMatch(/\/Span <<\/ActualText <FEFF0078>>> BDC\nBT\n[\s\S]*\nET\nEMC\n$/);
	});

	it('merges a page’s content chunks as they pile up, keeping every byte in order', () => {
		const doc = documentWithFont();
		for (let i = 0; i < 700; i++) {
			doc.addContent(`% ${i}`);
			writeGlyphRun(doc, cachedRunReader(pdfkitRun(doc, 'x')), i, 20);
		}
		const chunks = (doc as unknown as { page: { content: { buffer: Uint8Array[] } } }).page.content.buffer;
		expect(chunks.length).toBeLessThan(300);
		const content = pageContent(doc);
		expect(content.match(/^% \d+$/gm)).toEqual(Array.from({ length: 700 }, (_, i) => `% ${i}`));
		expect(content.match(/ Tm\n/g)).toHaveLength(700);
	});

	it('writes numbers as pdfkit rounds them, to a millionth', () => {
		const numbers = [0, 1, -1, 0.5, -0.5, 1e-7, -4e-7, -6e-7, 0.000001, 12.3456789, -841.889764, 595.2755905511812, 2147.48, 123456.789];
		for (let i = 0; i < 2000; i++) numbers.push((Math.random() - 0.5) * 2000, Math.round(Math.random() * 1e6) / 1e3);
		for (const n of numbers) expect(pdfNumber(n), String(n)).toBe(String(Math.round(n * 1e6) / 1e6));
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

interface FontInternals {
	id: string;
	subset: { glyphs: number[] };
	widths: (number | undefined)[];
	unicode: (number[] | undefined)[];
}

function fontOf(doc: PDFKit.PDFDocument): FontInternals {
	return (doc as unknown as { _font: FontInternals })._font;
}

/** The operators written to the current page so far (the document is uncompressed). */
function pageContent(doc: PDFKit.PDFDocument): string {
	const chunks = (doc as unknown as { page: { content: { buffer: Uint8Array[] } } }).page.content.buffer;
	return Buffer.concat(chunks).toString('latin1');
}
