import type { HanPreference } from './fonts';
import { breakLines } from './text-breaking';
import { prepare } from './text-runs';
import type { Direction, TextContext, TextLine, TextSpan, TextStyle } from './text-types';

/*
 * pdfkit lays text out in one font, left to right. The text modules do what it
 * lacks for a multilingual letter, one concern each:
 *
 * - text-runs.ts: font fallback, one family per script run (fonts.ts);
 * - text-bidi-levels.ts, text-bidi.ts: the Unicode Bidirectional Algorithm and
 *   visual order of each line;
 * - text-breaking.ts: line breaking by UAX #14;
 * - text-measure.ts: measuring through pdfkit, with the fast path for plain runs
 *   (pdfkit-internals.ts is the one place touching pdfkit's private state);
 * - text-drawing.ts: drawing measured lines.
 *
 * The PDF keeps the logical text in each glyph's ToUnicode entry, and a right-to-left
 * run is drawn right to left, so extractors that apply bidi (pdftotext) give the
 * words back in logical order.
 */

export type { Align, Direction, Piece, TextContext, TextLine, TextSpan, TextStyle } from './text-types';
export { drawLine, lineText } from './text-drawing';

export function createTextContext(doc: PDFKit.PDFDocument, direction: Direction, han: HanPreference | null): TextContext {
	return { doc, direction, han, face: null, size: 0, color: null, spaceWidths: new Map() };
}

/**
 * Breaks styled text into lines no wider than maxWidth, each already in visual
 * order and measured.
 */
export function layoutText(ctx: TextContext, spans: TextSpan[], style: TextStyle, maxWidth: number): TextLine[] {
	return breakLines(ctx, prepare(ctx, spans, style), maxWidth);
}
