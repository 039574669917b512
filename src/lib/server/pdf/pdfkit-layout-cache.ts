/*
 * The one place that reaches into pdfkit's private state (pdfkit 0.20).
 *
 * pdfkit lays text out one space-separated word at a time (EmbeddedFont.layout:
 * each word ends after a space or tab) and keeps each word's glyphs in the current
 * font's `layoutCache`, which measuring (widthOfString) and drawing (encode) share.
 * A word put into that cache before pdfkit asks for it is drawn with the glyphs
 * given here, without fontkit's shaping.
 *
 * Drawing a measured piece goes around pdfkit's text() (writeGlyphLine below):
 * text() re-reads its options, measures the piece again and writes each operator
 * as its own chunk, which cost about a third of a 5,000-signatory letter; and it
 * saves and flips the graphics state inside the text, so an ActualText span
 * around it ended in another state, and poppler put its text on the mirrored line.
 *
 * The finished file is collected as pdfkit writes it (collectPdfOutput), not
 * through its stream.
 *
 * tests/unit/pdf-layout-cache.test.ts fails if a pdfkit upgrade changes any of this.
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

/** What writeGlyphLine reads of pdfkit's current font and page. */
interface PdfkitInternals {
	_font?: { id?: unknown; encode?: unknown; ref?: unknown };
	_fontSize?: unknown;
	page?: { fonts?: Record<string, unknown> };
}

interface WritableFont {
	id: string;
	encode(text: string): [string[], GlyphPosition[]];
	ref(): unknown;
}

/** pdfkit's own rounding of numbers in content streams. */
function pdfNumber(n: number): string {
	// Most adjustments are 0 and many positions whole: skip the rounding for them.
	return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/*
 * Each byte as it stands in a PDF literal string: the delimiters and the backslash
 * escaped, and the line ends too, which a reader would otherwise turn into 0Ah.
 */
const LITERAL_BYTES = Array.from({ length: 256 }, (_, byte) =>
	byte === 0x28 ? '\\(' : byte === 0x29 ? '\\)' : byte === 0x5c ? '\\\\' : byte === 0x0a ? '\\n' : byte === 0x0d ? '\\r' : String.fromCharCode(byte)
);

/**
 * Glyph codes [from, to) as a literal string of their two bytes each: half the
 * size of pdfkit's hex strings, and every byte of a content stream is deflated.
 */
function glyphString(encoded: string[], from: number, to: number): string {
	let out = '(';
	for (let i = from; i < to; i++) {
		const code = parseInt(encoded[i] ?? '0', 16);
		out += (LITERAL_BYTES[code >> 8] ?? '') + (LITERAL_BYTES[code & 0xff] ?? '');
	}
	return `${out})`;
}

/** A text matrix placing the pen at (x, y) in the page's top-down coordinates, glyphs upright. */
function textMatrix(x: number, y: number): string {
	return `1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y)} Tm\n`;
}

function placedOffPen(position: GlyphPosition): boolean {
	return position.xOffset !== 0 || position.yOffset !== 0;
}

/**
 * The order glyphs are written in: as laid out, except that marks placed off the
 * pen at the very end go before the last glyph that is not one. A reader takes an
 * ActualText span's extent from the first and the last glyph written (poppler
 * does); a final mark (Tamil's virama) would end it short of the run's end, which
 * reads as a space before what follows.
 */
function writingOrder(positions: GlyphPosition[]): number[] {
	const order = positions.map((_, index) => index);
	let end = positions.length;
	while (end > 0 && placedOffPen(positions[end - 1]!)) end--;
	if (end === 0 || end === positions.length) return order;
	return [...order.slice(0, end - 1), ...order.slice(end), end - 1];
}

/**
 * The TJ operators and in-line moves for encoded glyphs, placed as pdfkit's
 * _fragment places them: a group of glyphs ends where one's advance differs from
 * its width (kerning), and a glyph placed off the pen (a mark), or written out of
 * turn, gets its own text matrix.
 */
function glyphOperators(encoded: string[], positions: GlyphPosition[], x: number, y: number, scale: number): string {
	const pens: number[] = [];
	for (const position of positions) {
		pens.push(x);
		x += position.xAdvance * scale;
	}
	let out = '';
	let groups = '';
	let groupStart = -1;
	let groupEnd = -1;
	// Where the pen stands after what was written; the text matrix starts it at the first glyph.
	let pen = pens[0] ?? x;
	const closeGroup = () => {
		if (groupStart < 0) return;
		const lastGlyph = positions[groupEnd - 1]!;
		groups += `${groups ? ' ' : ''}${glyphString(encoded, groupStart, groupEnd)} ${pdfNumber(lastGlyph.advanceWidth - lastGlyph.xAdvance)}`;
		groupStart = -1;
	};
	const flush = () => {
		closeGroup();
		if (groups) out += `[${groups}] TJ\n`;
		groups = '';
	};
	for (const index of writingOrder(positions)) {
		const position = positions[index]!;
		const at = pens[index]!;
		if (placedOffPen(position)) {
			flush();
			// Offsets point up, the page's coordinates down.
			out += textMatrix(at + position.xOffset * scale, y - position.yOffset * scale);
			out += `[${glyphString(encoded, index, index + 1)} ${pdfNumber(position.advanceWidth - position.xAdvance)}] TJ\n`;
			pen = Number.NaN;
			continue;
		}
		if (at !== pen || (groupStart >= 0 && groupEnd !== index)) {
			flush();
			out += textMatrix(at, y);
		}
		if (groupStart < 0) groupStart = index;
		groupEnd = index + 1;
		if (position.xAdvance !== position.advanceWidth) closeGroup();
		pen = at + position.xAdvance * scale;
	}
	flush();
	return out;
}

/**
 * Writes text in the document's current font and size, its baseline at
 * (x, baseline) in pdfkit's top-down page coordinates, in one write; `before` and
 * `after` are operators around it (a marked-content span). The glyphs, spacing and
 * positions are those pdfkit's text() gives one unwrapped line; the text object is
 * leaner: it sets its matrix in the page's coordinates (flipped, so glyphs stand
 * upright) rather than saving and flipping the graphics state, and writes glyph
 * codes as bytes rather than hex. Returns false when this pdfkit lacks what it
 * relies on; the caller then draws with text().
 */
export function writeGlyphLine(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number, before = '', after = ''): boolean {
	const internals = doc as unknown as PdfkitInternals;
	const font = internals._font;
	const size = internals._fontSize;
	const page = internals.page;
	if (!font || typeof font.id !== 'string' || typeof font.encode !== 'function' || typeof font.ref !== 'function') return false;
	if (typeof size !== 'number' || !page || !page.fonts) return false;
	const writable = font as WritableFont;
	if (page.fonts[writable.id] == null) page.fonts[writable.id] = writable.ref();
	const [encoded, positions] = writable.encode(text);
	const operators =
		`${before}BT\n${textMatrix(x, baseline)}/${writable.id} ${pdfNumber(size)} Tf\n` +
		`${glyphOperators(encoded, positions, x, baseline, size / 1000)}ET${after}\n`;
	// As bytes: pdfkit turns a string into bytes one character at a time in JavaScript.
	doc.addContent(Buffer.from(operators, 'latin1') as unknown as string);
	return true;
}

/**
 * The document's bytes as pdfkit writes them, collected without its stream:
 * pdfkit pushes each object in five or six chunks through a Readable stream, which
 * costs more than the rest of finishing a 10,000-object file. Resolves when the
 * document has ended. The header, written when the document is created, comes
 * through the stream before this; without the internals it relies on (a pdfkit
 * that changed), so does everything.
 */
export function collectPdfOutput(doc: PDFKit.PDFDocument): Promise<Buffer> {
	const internals = doc as unknown as { _write?: unknown; _offset?: unknown };
	// What went through the stream: the header pdfkit writes when it is created, or everything.
	const streamed: Buffer[] = [];
	const direct: Uint8Array[] = [];
	const ended = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat([...streamed, ...direct])));
		doc.on('error', reject);
	});
	doc.on('data', (chunk: Buffer) => streamed.push(chunk));
	if (typeof internals._write !== 'function' || typeof internals._offset !== 'number') return ended;
	const writable = internals as { _write: (data: Uint8Array | string) => void; _offset: number };
	writable._write = (data) => {
		// As pdfkit's own _write: a string is one line, its characters taken as bytes.
		const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data;
		direct.push(bytes);
		writable._offset += bytes.length;
	};
	return ended;
}
