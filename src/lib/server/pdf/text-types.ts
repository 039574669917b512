import type { FontFace, HanPreference } from './fonts';
import type { CachedRun } from './pdfkit-internals';
import type { ShapedRun } from './shaping';

export interface TextSpan {
	text: string;
	bold?: boolean;
	italic?: boolean;
	href?: string | null;
	/**
	 * Resolve this span's direction on its own, like HTML's <bdi> (IN4): a
	 * right-to-left name does not pull the ", Country" after it into its run.
	 */
	isolate?: boolean;
}

export interface TextStyle {
	size: number;
	color: string;
	bold?: boolean;
	italic?: boolean;
	/** Underline and colour links; default true. */
	linkStyle?: boolean;
	/** Base direction; the letter's direction unless set (technical lines are LTR). */
	direction?: Direction;
	/** How Han characters look, when the text's origin is known (an organisation's country). */
	han?: HanPreference;
	/**
	 * Set simple words glyph by glyph, without kerning or ligatures, for long
	 * lists: shaping each of thousands of names through fontkit's OpenType engine
	 * would cost more than the rest of the document. Scripts that need shaping
	 * (Arabic, combining marks) are shaped as always.
	 */
	plain?: boolean;
}

export type Direction = 'ltr' | 'rtl';

/** One document's drawing state: the renderer makes one per PDF. */
export interface TextContext {
	doc: PDFKit.PDFDocument;
	/** The letter's direction: the base direction of every paragraph. */
	direction: Direction;
	/** How Han characters look when the text has no kana or Hangul to decide. */
	han: HanPreference | null;
	face: FontFace | null;
	size: number;
	color: string | null;
	/** Width of one space per face and size, the most asked-for measurement. */
	spaceWidths: Map<string, number>;
}

/** A stretch of one line drawn in one call: one face, one direction, one link. */
export interface Piece {
	/** What is handed to pdfkit: logical order for LTR and for whole-shaped RTL runs. */
	text: string;
	face: FontFace;
	/** Shape as one string with fontkit's defaults (joining, RTL reversal). */
	shapeWhole: boolean;
	width: number;
	href: string | null;
	/** A run fontkit shaped whole, drawn glyph for glyph. */
	run?: CachedRun;
	/** A run HarfBuzz shaped (shaping.ts), drawn glyph for glyph. */
	shaped?: ShapedRun;
	/** Set glyph by glyph (TextStyle.plain); a piece without a run gets its words run when drawn. */
	plain?: boolean;
	/**
	 * What the piece says, in logical order, when its glyphs alone would not give
	 * it back (joined, reordered or stacked glyphs, joiners, marks): written as the
	 * ActualText of a marked-content span around the piece.
	 */
	actualText?: string;
}

export interface TextLine {
	pieces: Piece[];
	width: number;
}

/** start and end follow the letter's direction; left and right are fixed. */
export type Align = 'start' | 'end' | 'center' | 'left' | 'right';
