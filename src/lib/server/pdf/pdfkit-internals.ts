/*
 * The one place that reaches into pdfkit's private state (pdfkit 0.20).
 *
 * Drawing a measured piece goes around pdfkit's text() (writeGlyphRun below): the
 * glyph run the piece was measured with is written as it is, its glyphs put into
 * the current font's subset with their widths and ToUnicode entries as pdfkit's
 * EmbeddedFont.encode puts them. text() would re-read its options, lay the text
 * out and measure it again, build an object per glyph and write each operator as
 * its own chunk, which cost about half of a 5,000-signatory letter; and it saves
 * and flips the graphics state inside the text, so an ActualText span around it
 * ended in another state, and poppler put its text on the mirrored line.
 *
 * Measuring lays text out word by word as pdfkit's EmbeddedFont.layout does (each
 * word ends after a space or tab), so that text drawn by text() (the fallback
 * when these internals are missing) is as wide as it was measured.
 *
 * The finished file is collected as pdfkit writes it (collectPdfOutput), not
 * through its stream.
 *
 * tests/unit/pdfkit-internals.test.ts fails if a pdfkit upgrade changes any of this.
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

/**
 * A glyph run as writeGlyphRun reads it, glyph by glyph in drawing order: fontkit's
 * runs are arrays of objects, HarfBuzz's packed numbers (shaping.ts), and a long
 * list would otherwise build an object per glyph just to hand it over.
 */
export interface GlyphReader {
	readonly length: number;
	/** The glyph's id in the font. */
	id(index: number): number;
	/** Its advance in font units: the font's widths entry. */
	fontAdvance(index: number): number;
	/** The characters it stands for: its ToUnicode entry, read when the document has none yet. */
	codePoints(index: number): number[];
	/** Where it goes, in 1000ths of an em. */
	xAdvance(index: number): number;
	xOffset(index: number): number;
	yOffset(index: number): number;
	/** Its advance in 1000ths of an em; a different xAdvance is kerning. */
	advanceWidth(index: number): number;
}

/** A fontkit run (pdfkit's layout, or one of text-measure.ts's) as a GlyphReader. */
class CachedRunReader implements GlyphReader {
	readonly length: number;
	readonly #run: CachedRun;

	constructor(run: CachedRun) {
		this.#run = run;
		this.length = run.glyphs.length;
	}

	id(index: number): number {
		return this.#run.glyphs[index]!.id;
	}

	fontAdvance(index: number): number {
		return this.#run.glyphs[index]!.advanceWidth;
	}

	codePoints(index: number): number[] {
		return this.#run.glyphs[index]!.codePoints;
	}

	xAdvance(index: number): number {
		return this.#run.positions[index]!.xAdvance;
	}

	xOffset(index: number): number {
		return this.#run.positions[index]!.xOffset;
	}

	yOffset(index: number): number {
		return this.#run.positions[index]!.yOffset;
	}

	advanceWidth(index: number): number {
		return this.#run.positions[index]!.advanceWidth;
	}
}

export function cachedRunReader(run: CachedRun): GlyphReader {
	return new CachedRunReader(run);
}

/** What writeGlyphRun reads and writes of pdfkit's current font (EmbeddedFont) and page. */
interface SubsetFont {
	id: string;
	ref(): unknown;
	/** 1000 / units per em. */
	scale: number;
	subset: { includeGlyph(id: number): number };
	widths: (number | null | undefined)[];
	unicode: (number[] | null | undefined)[];
}

interface PdfkitInternals {
	_font?: Partial<Record<keyof SubsetFont, unknown>>;
	_fontSize?: unknown;
	page?: { fonts?: Record<string, unknown> };
}

function subsetFontOf(doc: PDFKit.PDFDocument): SubsetFont | null {
	const font = (doc as unknown as PdfkitInternals)._font;
	if (!font || typeof font.id !== 'string' || typeof font.ref !== 'function' || typeof font.scale !== 'number') return null;
	const subset = font.subset as { includeGlyph?: unknown } | undefined;
	if (typeof subset?.includeGlyph !== 'function' || !Array.isArray(font.widths) || !Array.isArray(font.unicode)) return null;
	return font as unknown as SubsetFont;
}

/** The glyphs pdfkit's own layout gives text in the current font (tests compare with text()). */
export function pdfkitRun(doc: PDFKit.PDFDocument, text: string): CachedRun {
	const font = (doc as unknown as PdfkitInternals)._font as { layout(text: string): CachedRun };
	return font.layout(text);
}

/*
 * Each document font's subset codes by glyph id: fontkit's subset keeps them in a
 * plain object, slow to read once it holds a few hundred glyphs.
 */
const subsetCodes = new WeakMap<SubsetFont, Map<number, number>>();

/** The glyphs' codes in the font's subset, putting each into it as pdfkit's encode does. */
function encodeGlyphs(font: SubsetFont, run: GlyphReader): number[] {
	let codes = subsetCodes.get(font);
	if (!codes) subsetCodes.set(font, (codes = new Map()));
	const encoded: number[] = [];
	for (let index = 0; index < run.length; index++) {
		const id = run.id(index);
		let code = codes.get(id);
		if (code === undefined) {
			code = font.subset.includeGlyph(id);
			codes.set(id, code);
			if (font.widths[code] == null) font.widths[code] = run.fontAdvance(index) * font.scale;
		}
		if (font.unicode[code] == null) font.unicode[code] = run.codePoints(index);
		encoded.push(code);
	}
	return encoded;
}

/** pdfkit rounds the numbers it writes in content streams to a millionth. */
const SIX_DIGITS = 1e6;

/**
 * pdfkit's own rounding of numbers in content streams (to a millionth), written
 * from integers: the same text as String(Math.round(n * 1e6) / 1e6), which costs
 * a shortest-round-trip conversion per number.
 */
export function pdfNumber(n: number): string {
	if (Number.isInteger(n)) return String(n);
	const scaled = Math.round(n * SIX_DIGITS);
	// Beyond 2^31 millionths (2,147 pt) fall back to the general conversion; pages are smaller.
	if (scaled > 0x7fffffff || scaled < -0x7fffffff) return String(scaled / SIX_DIGITS);
	const magnitude = Math.abs(scaled);
	const whole = Math.trunc(magnitude / SIX_DIGITS);
	let fraction = magnitude - whole * SIX_DIGITS;
	if (fraction === 0) return String(scaled < 0 ? -whole : whole);
	let digits = 6;
	while (fraction % 10 === 0) {
		fraction /= 10;
		digits--;
	}
	return `${scaled < 0 ? '-' : ''}${whole}.${String(fraction).padStart(digits, '0')}`;
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
function glyphString(encoded: number[], from: number, to: number): string {
	let out = '(';
	for (let i = from; i < to; i++) {
		const code = encoded[i] ?? 0;
		out += (LITERAL_BYTES[code >> 8] ?? '') + (LITERAL_BYTES[code & 0xff] ?? '');
	}
	return `${out})`;
}

/** A text matrix placing the pen at (x, y) in the page's top-down coordinates, glyphs upright. */
function textMatrix(x: number, y: number): string {
	return `1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y)} Tm\n`;
}

function placedOffPen(run: GlyphReader, index: number): boolean {
	return run.xOffset(index) !== 0 || run.yOffset(index) !== 0;
}

/**
 * Where the glyphs placed off the pen at the very end of a run begin (the run's
 * length when its last glyph is on the pen). Such marks are written before the
 * last glyph that is not one: a reader takes an ActualText span's extent from the
 * first and the last glyph written (poppler does), and a final mark (Tamil's
 * virama) would end it short of the run's end, which reads as a space before what
 * follows.
 */
function trailingMarksStart(run: GlyphReader): number {
	let end = run.length;
	while (end > 0 && placedOffPen(run, end - 1)) end--;
	return end === 0 ? run.length : end;
}

/** The index of the glyph written k-th, given where the trailing marks start. */
function writtenAt(k: number, length: number, marksStart: number): number {
	if (marksStart === length || k < marksStart - 1) return k;
	return k < length - 1 ? k + 1 : marksStart - 1;
}

/** TJ operators being written: groups of glyphs, each with the adjustment after it. */
class ShowText {
	out = '';
	#groups = '';
	#start = -1;
	#end = -1;

	readonly #encoded: number[];
	readonly #run: GlyphReader;

	constructor(encoded: number[], run: GlyphReader) {
		this.#encoded = encoded;
		this.#run = run;
	}

	/** Adds glyph `index` to the open group (the caller flushes first unless it follows it) or a new one. */
	add(index: number): void {
		if (this.#start < 0) this.#start = index;
		this.#end = index + 1;
	}

	get open(): boolean {
		return this.#start >= 0;
	}

	follows(index: number): boolean {
		return this.#end === index;
	}

	/** Ends the group after its last glyph's adjustment (kerning, or the rest of a mark's width). */
	closeGroup(): void {
		if (this.#start < 0) return;
		const last = this.#end - 1;
		const adjustment = pdfNumber(this.#run.advanceWidth(last) - this.#run.xAdvance(last));
		this.#groups += `${this.#groups ? ' ' : ''}${glyphString(this.#encoded, this.#start, this.#end)} ${adjustment}`;
		this.#start = -1;
	}

	flush(): void {
		this.closeGroup();
		if (this.#groups) this.out += `[${this.#groups}] TJ\n`;
		this.#groups = '';
	}
}

/** Pen positions of the glyph being written, kept between calls: drawing is synchronous. */
let pens = new Float64Array(256);

/**
 * The TJ operators and in-line moves for encoded glyphs, placed as pdfkit's
 * _fragment places them: a group of glyphs ends where one's advance differs from
 * its width (kerning), and a glyph placed off the pen (a mark), or written out of
 * turn, gets its own text matrix.
 */
function glyphOperators(encoded: number[], run: GlyphReader, x: number, y: number, scale: number): string {
	if (pens.length < run.length) pens = new Float64Array(run.length * 2);
	for (let index = 0; index < run.length; index++) {
		pens[index] = x;
		x += run.xAdvance(index) * scale;
	}
	const show = new ShowText(encoded, run);
	// Where the pen stands after what was written; the text matrix starts it at the first glyph.
	let pen = run.length > 0 ? pens[0]! : x;
	const marksStart = trailingMarksStart(run);
	for (let k = 0; k < run.length; k++) {
		const index = writtenAt(k, run.length, marksStart);
		const at = pens[index]!;
		if (placedOffPen(run, index)) {
			show.flush();
			// Offsets point up, the page's coordinates down.
			show.out += textMatrix(at + run.xOffset(index) * scale, y - run.yOffset(index) * scale);
			show.add(index);
			show.flush();
			pen = Number.NaN;
			continue;
		}
		if (at !== pen || (show.open && !show.follows(index))) {
			show.flush();
			show.out += textMatrix(at, y);
		}
		show.add(index);
		if (run.xAdvance(index) !== run.advanceWidth(index)) show.closeGroup();
		pen = at + run.xAdvance(index) * scale;
	}
	show.flush();
	return show.out;
}

/** How many chunks of a page's content are merged into one at a time. */
const CHUNKS_PER_MERGE = 256;

/** Per page content stream, how many of its chunks at the start are merged ones. */
const mergedChunks = new WeakMap<object, number>();

/**
 * Merges the chunks written to the current page since the last merge once there
 * are CHUNKS_PER_MERGE of them. pdfkit keeps every chunk (an object with its own
 * buffer) until the document ends, as the footers are drawn on every page last:
 * thousands of small objects the garbage collector would copy, again and again,
 * while a long list is drawn. The bytes are the same.
 */
function mergePageContent(doc: PDFKit.PDFDocument): void {
	const content = (doc as unknown as { page?: { content?: { buffer?: unknown } } }).page?.content;
	const chunks = content?.buffer;
	if (!content || !Array.isArray(chunks) || chunks.length < CHUNKS_PER_MERGE) return;
	const merged = mergedChunks.get(content) ?? 0;
	if (chunks.length - merged < CHUNKS_PER_MERGE || !chunks.every((chunk, index) => index < merged || chunk instanceof Uint8Array)) return;
	chunks.push(Buffer.concat(chunks.splice(merged) as Uint8Array[]));
	mergedChunks.set(content, merged + 1);
}

/**
 * Writes a glyph run in the document's current font and size, its baseline at
 * (x, baseline) in pdfkit's top-down page coordinates, in one write; `before` and
 * `after` are operators around it (a marked-content span). The glyphs, spacing and
 * positions are those pdfkit's text() gives one unwrapped line of the same glyphs;
 * the text object is leaner: it sets its matrix in the page's coordinates
 * (flipped, so glyphs stand upright) rather than saving and flipping the graphics
 * state, and writes glyph codes as bytes rather than hex. Returns false when this
 * pdfkit lacks what it relies on; the caller then draws with text().
 */
export function writeGlyphRun(doc: PDFKit.PDFDocument, run: GlyphReader, x: number, baseline: number, before = '', after = ''): boolean {
	const font = subsetFontOf(doc);
	const internals = doc as unknown as PdfkitInternals;
	const size = internals._fontSize;
	const page = internals.page;
	if (!font || typeof size !== 'number' || !page || !page.fonts) return false;
	if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
	const operators =
		`${before}BT\n${textMatrix(x, baseline)}/${font.id} ${pdfNumber(size)} Tf\n` +
		`${glyphOperators(encodeGlyphs(font, run), run, x, baseline, size / 1000)}ET${after}\n`;
	// As bytes: pdfkit turns a string into bytes one character at a time in JavaScript.
	doc.addContent(Buffer.from(operators, 'latin1') as unknown as string);
	mergePageContent(doc);
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
