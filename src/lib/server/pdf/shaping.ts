import * as hb from 'harfbuzzjs';
import { fontBytes, type FontFace } from './fonts';
import type { CachedGlyph, CachedRun, GlyphPosition } from './pdfkit-layout-cache';

/*
 * HarfBuzz shaping for the scripts fontkit's shapers get wrong or cannot read
 * (Indic conjuncts and reordering, Southeast Asian stacking, Tibetan, Mongolian
 * joining, Hebrew marks, emoji sequences): every family fonts.ts calls a HarfBuzz
 * family. The glyph run is drawn by pdfkit from its layout cache (text-drawing.ts).
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

/** A shaped run: glyphs in visual (drawing) order, positions in 1000ths of an em. */
export interface ShapedRun extends CachedRun {
	/**
	 * True when the glyphs' characters, read in drawing order, are the text: the
	 * ToUnicode map alone gives it back, and no ActualText is needed.
	 */
	inOrder: boolean;
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
	const starts = new Uint8Array(text.length + 1);
	starts[text.length] = 1;
	// The characters of a cluster go to its first glyph in logical order.
	const owner = new Int32Array(text.length).fill(-1);
	shaped.forEach((g, index) => {
		starts[g.cluster] = 1;
		const current = owner[g.cluster] ?? -1;
		if (current === -1 || (rightToLeft ? index > current : index < current)) owner[g.cluster] = index;
	});
	const clusterEnd = (start: number): number => {
		let end = start + 1;
		while (end < text.length && !starts[end]) end++;
		return end;
	};
	const glyphs: CachedGlyph[] = [];
	const positions: GlyphPosition[] = [];
	let advanceWidth = 0;
	shaped.forEach((g, index) => {
		const codePoints = owner[g.cluster] === index ? codePointsOf(text, g.cluster, clusterEnd(g.cluster)) : [];
		const fontAdvance = advanceOf(entry, g.glyph);
		glyphs.push({ id: g.glyph, advanceWidth: fontAdvance, codePoints });
		const xAdvance = g.xAdvance * scale;
		positions.push({ xAdvance, yAdvance: 0, xOffset: g.xOffset * scale, yOffset: g.yOffset * scale, advanceWidth: fontAdvance * scale });
		advanceWidth += xAdvance;
	});
	const drawnText = glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints)).join('');
	run = { glyphs, positions, advanceWidth, inOrder: drawnText === text };
	if (runs.size >= MAX_RUNS) runs.clear();
	runs.set(key, run);
	return run;
}
