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
 * as its own chunk, which cost about a third of a 5,000-signatory letter.
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
	page?: { height?: unknown; fonts?: Record<string, unknown> };
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

/**
 * The TJ operators and in-line moves for encoded glyphs, as pdfkit's _fragment
 * writes them: a run of glyphs ends where one's advance differs from its width
 * (kerning), and a glyph placed off the pen (a mark) gets its own text matrix.
 */
function glyphOperators(encoded: string[], positions: GlyphPosition[], x: number, y: number, scale: number): string {
	let out = '';
	let segments = '';
	let last = 0;
	let hadOffset = false;
	for (let i = 0; i <= positions.length; i++) {
		const position = positions[i];
		const offset = position !== undefined && (position.xOffset !== 0 || position.yOffset !== 0);
		const kerned = position !== undefined && !offset && position.xAdvance !== position.advanceWidth;
		// The segment [last, i) ends before an offset glyph or the end; [last, i + 1) after a kerned one.
		const cut = offset || position === undefined ? i : kerned ? i + 1 : -1;
		if (cut > last) {
			const previous = positions[cut - 1]!;
			segments += `${segments ? ' ' : ''}<${encoded.slice(last, cut).join('')}> ${pdfNumber(previous.advanceWidth - previous.xAdvance)}`;
			last = cut;
		}
		if ((offset || position === undefined) && segments) {
			out += `[${segments}] TJ\n`;
			segments = '';
		}
		if (position === undefined) break;
		if (offset) {
			out += `1 0 0 1 ${pdfNumber(x + position.xOffset * scale)} ${pdfNumber(y + position.yOffset * scale)} Tm\n`;
			out += `[<${encoded[i]}> ${pdfNumber(position.advanceWidth - position.xAdvance)}] TJ\n`;
			last = i + 1;
			hadOffset = true;
		} else if (hadOffset) {
			out += `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm\n`;
			hadOffset = false;
		}
		x += position.xAdvance * scale;
	}
	return out;
}

/**
 * Writes text in the document's current font and size, its baseline at
 * (x, baseline) in pdfkit's top-down page coordinates, with the same operators
 * pdfkit's text() writes for one unwrapped line, in one write; `before` and
 * `after` are operators around it (a marked-content span). Returns false when this
 * pdfkit lacks what it relies on; the caller then draws with text().
 */
export function writeGlyphLine(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number, before = '', after = ''): boolean {
	const internals = doc as unknown as PdfkitInternals;
	const font = internals._font;
	const size = internals._fontSize;
	const page = internals.page;
	if (!font || typeof font.id !== 'string' || typeof font.encode !== 'function' || typeof font.ref !== 'function') return false;
	if (typeof size !== 'number' || !page || typeof page.height !== 'number' || !page.fonts) return false;
	const writable = font as WritableFont;
	if (page.fonts[writable.id] == null) page.fonts[writable.id] = writable.ref();
	const [encoded, positions] = writable.encode(text);
	// The page's coordinates run top-down; text is set in the PDF's own, bottom-up.
	const y = page.height - baseline;
	const operators =
		`${before}q\n1 0 0 -1 0 ${pdfNumber(page.height)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm\n/${writable.id} ${pdfNumber(size)} Tf\n` +
		`${glyphOperators(encoded, positions, x, y, size / 1000)}ET\nQ${after}\n`;
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
