import { familyOf, hasRightToLeft, isComplexFamily, isHarfBuzzFamily, loadFont, type FontFace } from './fonts';
import { shapeRun } from './shaping';
import { bidi } from './text-bidi-levels';
import { measure, wholeRun } from './text-measure';
import { hrefAt, levelAt, type Prepared } from './text-runs';
import type { Piece, TextContext } from './text-types';

/*
 * Bidi: each character's level comes from the Unicode Bidirectional Algorithm
 * (text-bidi-levels.ts) and each line is put in visual order here; a right-to-left
 * run is handed to the shaper whole, in logical order, which joins the letters,
 * mirrors brackets (rtlm) and returns the glyphs right to left.
 */

/** A combining mark other than the emoji variation selectors and keycap. */
const STACKED_MARK = /(?![\ufe00-\ufe0f\u20e3])\p{M}/u;

/** The pieces of logical range [start, end) of a paragraph, in visual order, measured. */
export function visualPieces(ctx: TextContext, p: Prepared, start: number, end: number): Piece[] {
	if (end <= start) return [];
	const pieces: Piece[] = [];
	if (!p.embedding) {
		// All left to right: the pieces are the runs of one face and one link.
		let from = start;
		for (let i = start + 1; i <= end; i++) {
			if (i < end && p.faces[i] === p.faces[from] && hrefAt(p, i) === hrefAt(p, from)) continue;
			pieces.push(makePiece(ctx, p, from, i - 1));
			from = i;
		}
		return pieces;
	}
	const order = Array.from({ length: end - start }, (_, i) => start + i);
	for (const [from, to] of bidi.getReorderSegments(p.text, p.embedding, start, end - 1)) {
		if (from === undefined || to === undefined) continue;
		const reversed = order.slice(from - start, to - start + 1).reverse();
		order.splice(from - start, reversed.length, ...reversed);
	}
	let groupStart = 0;
	for (let k = 1; k <= order.length; k++) {
		const index = order[k] ?? -1;
		const previous = order[k - 1] ?? -1;
		const level = levelAt(p, previous);
		const step = level % 2 === 1 ? -1 : 1;
		const sameGroup =
			k < order.length &&
			index === previous + step &&
			levelAt(p, index) === level &&
			p.faces[index] === p.faces[previous] &&
			hrefAt(p, index) === hrefAt(p, previous);
		if (sameGroup) continue;
		// A group is a run of consecutive characters, in one direction.
		pieces.push(makePiece(ctx, p, order[groupStart] ?? 0, previous));
		groupStart = k;
	}
	return pieces;
}

/** The piece of characters first..last (inclusive; first > last when drawn right to left). */
function makePiece(ctx: TextContext, p: Prepared, first: number, last: number): Piece {
	const low = Math.min(first, last);
	const high = Math.max(first, last);
	const logical = p.text.slice(low, high + 1);
	const face = p.faces[first] ?? 'serif-regular';
	const rightToLeft = levelAt(p, first) % 2 === 1;
	const href = hrefAt(p, first);
	if (isHarfBuzzFamily(familyOf(face))) {
		// HarfBuzz orients the run by its level and mirrors brackets itself.
		const run = shapeRun(face, logical, rightToLeft);
		// Reordered glyphs (Indic vowel signs drawn before their consonant) and
		// stacked marks (Thai, Khmer, Tibetan) are copied out as typed through
		// ActualText; runs whose glyphs already say the text in order (emoji
		// sequences) need none, and pdftotext reads those better without.
		// Extractors read a right-to-left span's ActualText in visual order
		// (pdftotext reverses it), so right-to-left runs rely on their glyphs'
		// ToUnicode entries instead, drawn in visual order.
		const needsActualText = !run.inOrder || STACKED_MARK.test(logical);
		const actualText = rightToLeft || !needsActualText ? undefined : logical;
		return { text: logical, face, shapeWhole: false, width: (run.advanceWidth * p.style.size) / 1000, href, shaped: run, actualText };
	}
	const complex = isComplexFamily(familyOf(face));
	// fontkit orients a run by its script: Arabic-script text (Persian digits
	// included) comes back right to left, anything else left to right.
	const fontkitReverses = complex && hasRightToLeft(logical);
	let text = logical;
	let shapeWhole = complex;
	if (rightToLeft && fontkitReverses) {
		// fontkit mirrors brackets itself only through the font's rtlm feature.
		if (!hasMirroring(face)) text = mirrored(logical);
	} else if (rightToLeft) {
		// No right-to-left letter for fontkit to orient the run by (brackets, spaces,
		// symbols between RTL words): put the characters in visual order here.
		text = mirrored(Array.from(logical).reverse().join(''));
		shapeWhole = false;
	} else if (fontkitReverses) {
		// Persian digits (۱۴۰۳) read left to right, but fontkit would reverse them
		// as Arabic script: hand it them reversed, so its reversal restores them.
		text = Array.from(logical).reverse().join('');
	}
	if (shapeWhole) {
		const run = wholeRun(face, text);
		return { text, face, shapeWhole, width: (run.advanceWidth * p.style.size) / 1000, href, run };
	}
	// The piece's words run is built again when it is drawn, not kept: a long list
	// holds thousands of pieces between layout and drawing.
	const width = measure(face, p.style.size, text, false, p.style.plain);
	return { text, face, shapeWhole, width, href, plain: p.style.plain };
}

function mirrored(text: string): string {
	return Array.from(text, (char) => bidi.getMirroredCharacter(char) ?? char).join('');
}

const mirroringFaces = new Map<FontFace, boolean>();

function hasMirroring(face: FontFace): boolean {
	let has = mirroringFaces.get(face);
	if (has === undefined) {
		has = loadFont(face).availableFeatures.includes('rtlm');
		mirroringFaces.set(face, has);
	}
	return has;
}
