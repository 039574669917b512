import * as hb from 'harfbuzzjs';
import { fontBytes, type FontFace } from './fonts';
import type { GlyphReader } from './pdfkit-internals';

/*
 * HarfBuzz shaping for the scripts fontkit's shapers get wrong or cannot read
 * (Indic conjuncts and reordering, Southeast Asian stacking, Tibetan, Mongolian
 * joining, Hebrew marks, emoji sequences): every family fonts.ts calls a HarfBuzz
 * family. The glyph run is written by writeGlyphRun (text-drawing.ts).
 *
 * Traditional Mongolian is shaped left to right with the font's horizontal glyphs,
 * which lie on their side (rotated 90° counter-clockwise): the way browsers and word
 * processors show Mongolian inside horizontal text, read by turning the page a
 * quarter turn clockwise.
 */

interface HbFace {
	font: hb.Font;
	upem: number;
	advances: Map<number, number>;
}

const faces = new Map<FontFace, HbFace>();

function hbFace(face: FontFace): HbFace {
	let entry = faces.get(face);
	if (!entry) {
		const hbface = new hb.Face(new hb.Blob(fontBytes(face)));
		entry = { font: new hb.Font(hbface), upem: hbface.upem, advances: new Map() };
		faces.set(face, entry);
	}
	return entry;
}

function advanceOf(entry: HbFace, glyph: number): number {
	let advance = entry.advances.get(glyph);
	if (advance === undefined) {
		advance = entry.font.glyphHAdvance(glyph);
		entry.advances.set(glyph, advance);
	}
	return advance;
}

/**
 * A shaped run, kept compact: a long list holds thousands of them from layout to
 * drawing, and an object per glyph would cost the garbage collector more than the
 * shaping. `shapedRunReader` hands the glyphs to writeGlyphRun.
 */
export interface ShapedRun {
	text: string;
	/** The run's width in 1000ths of an em. */
	advanceWidth: number;
	/**
	 * True when the glyphs' characters, read in drawing order, are the text: the
	 * ToUnicode map alone gives it back, and no ActualText is needed.
	 */
	inOrder: boolean;
	/** 1000 / units per em. */
	scale: number;
	/**
	 * Per glyph in visual (drawing) order, GLYPH_FIELDS numbers: id, the font's
	 * advance, HarfBuzz's x advance, x and y offsets (font units), and the
	 * characters it stands for as [start, end) of the text (start = end for none).
	 */
	glyphs: Int32Array;
}

const GLYPH_FIELDS = 7;

/** A shaped run as writeGlyphRun reads it, positions in 1000ths of an em. */
class ShapedRunReader implements GlyphReader {
	readonly length: number;
	readonly #run: ShapedRun;

	constructor(run: ShapedRun) {
		this.#run = run;
		this.length = run.glyphs.length / GLYPH_FIELDS;
	}

	#field(index: number, field: number): number {
		return this.#run.glyphs[index * GLYPH_FIELDS + field] ?? 0;
	}

	id(index: number): number {
		return this.#field(index, 0);
	}

	fontAdvance(index: number): number {
		return this.#field(index, 1);
	}

	codePoints(index: number): number[] {
		return codePointsOf(this.#run.text, this.#field(index, 5), this.#field(index, 6));
	}

	xAdvance(index: number): number {
		return this.#field(index, 2) * this.#run.scale;
	}

	xOffset(index: number): number {
		return this.#field(index, 3) * this.#run.scale;
	}

	yOffset(index: number): number {
		return this.#field(index, 4) * this.#run.scale;
	}

	advanceWidth(index: number): number {
		return this.#field(index, 1) * this.#run.scale;
	}
}

export function shapedRunReader(run: ShapedRun): GlyphReader {
	return new ShapedRunReader(run);
}

/** The glyph ids of a shaped run, in drawing order. */
export function glyphIdsOf(run: ShapedRun): number[] {
	const ids: number[] = [];
	for (let at = 0; at < run.glyphs.length; at += GLYPH_FIELDS) ids.push(run.glyphs[at] ?? 0);
	return ids;
}

/** The raw HarfBuzz output, for tests that compare what is drawn with HarfBuzz. */
export interface HarfBuzzGlyph {
	glyph: number;
	cluster: number;
	xAdvance: number;
	xOffset: number;
	yOffset: number;
}

/*
 * One buffer for the process, cleared before each use: harfbuzzjs frees a buffer's
 * WebAssembly memory only when the garbage collector finalises it, so a buffer per
 * call would let the heap grow with each long list. Shaping is synchronous.
 */
const buffer = new hb.Buffer();

export function harfBuzzShape(face: FontFace, text: string, rightToLeft: boolean): HarfBuzzGlyph[] {
	const entry = hbFace(face);
	buffer.clearContents();
	buffer.addText(text);
	buffer.guessSegmentProperties();
	buffer.setDirection(rightToLeft ? hb.Direction.RTL : hb.Direction.LTR);
	// Marks keep clusters of their own, so each glyph says which character it draws.
	buffer.setClusterLevel(hb.ClusterLevel.CHARACTERS);
	// ZWNJ and ZWJ keep their own (empty) glyphs, so the text layer keeps them too.
	buffer.setFlags(hb.BufferFlag.PRESERVE_DEFAULT_IGNORABLES);
	hb.shape(entry.font, buffer);
	// Infos and positions apart: the combined call defines four hidden properties per glyph.
	const infos = buffer.getGlyphInfos();
	const positions = buffer.getGlyphPositions();
	return infos.map((info, index) => {
		const position = positions[index];
		return {
			glyph: info.codepoint,
			cluster: info.cluster,
			xAdvance: position?.xAdvance ?? 0,
			xOffset: position?.xOffset ?? 0,
			yOffset: position?.yOffset ?? 0
		};
	});
}

function codePointsOf(text: string, start: number, end: number): number[] {
	const codePoints: number[] = [];
	for (let i = start; i < end; i++) {
		const codePoint = text.codePointAt(i) ?? 0;
		codePoints.push(codePoint);
		if (codePoint > 0xffff) i += 1;
	}
	return codePoints;
}

/*
 * Runs are kept for the process, keyed by face, direction and text; a letter's
 * words repeat, and shaping costs more than a lookup. Bounded: cleared when full.
 */
const runs = new Map<string, ShapedRun>();
const MAX_RUNS = 5000;

/**
 * Shapes text in one face. Each glyph carries the characters of its cluster, the
 * first glyph of a cluster all of them, so the PDF's ToUnicode map says what a
 * glyph stands for; the exact text is in the ActualText drawn around the run.
 */
export function shapeRun(face: FontFace, text: string, rightToLeft: boolean): ShapedRun {
	const key = `${face}\u0000${rightToLeft ? 'r' : 'l'}\u0000${text}`;
	let run = runs.get(key);
	if (run) return run;
	const entry = hbFace(face);
	const scale = 1000 / entry.upem;
	const shaped = harfBuzzShape(face, text, rightToLeft);
	// Where clusters start, in text order, to find each cluster's end.
	const starts: boolean[] = new Array<boolean>(text.length + 1).fill(false);
	starts[text.length] = true;
	// The characters of a cluster go to its first glyph in logical order.
	const owner: number[] = new Array<number>(text.length).fill(-1);
	for (let index = 0; index < shaped.length; index++) {
		const cluster = shaped[index]!.cluster;
		starts[cluster] = true;
		const current = owner[cluster]!;
		if (current === -1 || (rightToLeft ? index > current : index < current)) owner[cluster] = index;
	}
	const glyphs = new Int32Array(shaped.length * GLYPH_FIELDS);
	let advanceWidth = 0;
	// In order when the clusters' characters, read glyph by glyph, run through the text.
	let read = 0;
	let inOrder = true;
	for (let index = 0; index < shaped.length; index++) {
		const g = shaped[index]!;
		let end = g.cluster;
		if (owner[g.cluster] === index) {
			end += 1;
			while (end < text.length && !starts[end]) end++;
			if (g.cluster !== read) inOrder = false;
			read = end;
		}
		const at = index * GLYPH_FIELDS;
		glyphs[at] = g.glyph;
		glyphs[at + 1] = advanceOf(entry, g.glyph);
		glyphs[at + 2] = g.xAdvance;
		glyphs[at + 3] = g.xOffset;
		glyphs[at + 4] = g.yOffset;
		glyphs[at + 5] = g.cluster;
		glyphs[at + 6] = end;
		advanceWidth += g.xAdvance * scale;
	}
	run = { text, advanceWidth, inOrder: inOrder && read === text.length, scale, glyphs };
	if (runs.size >= MAX_RUNS) runs.clear();
	runs.set(key, run);
	return run;
}
