import { cachedRunReader, writeGlyphRun, type GlyphReader } from './pdfkit-internals';
import { shapedRunReader } from './shaping';
import { useFace, WHOLE_RUN, wordsRun } from './text-measure';
import type { Align, Piece, TextContext, TextLine, TextStyle } from './text-types';

/* Drawing measured lines with pdfkit, piece by piece, in visual order. */

const LINK_COLOR = '#1a4f8b';

/** A PDF text string in UTF-16BE with its byte order mark, as hex. */
function pdfTextString(text: string): string {
	let hex = 'FEFF';
	for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
	return `<${hex}>`;
}

function useColor(ctx: TextContext, color: string): void {
	if (ctx.color !== color) {
		ctx.doc.fillColor(color);
		ctx.color = color;
	}
}

/** The glyph run a piece was measured with, which is what is drawn for it. */
export function glyphRunOfPiece(piece: Piece): GlyphReader {
	if (piece.run) return cachedRunReader(piece.run);
	if (piece.shaped) return shapedRunReader(piece.shaped);
	return cachedRunReader(wordsRun(piece.face, piece.text, piece.plain));
}

/**
 * Draws one piece in the current face, size and colour, its text already measured:
 * the glyph run it was measured with is written as it is. Without the pdfkit
 * internals that relies on (a pdfkit that changed), pdfkit lays the text out
 * itself: slower, still correct.
 */
function drawPiece(ctx: TextContext, piece: Piece, x: number, baseline: number): void {
	const before = piece.actualText === undefined ? '' : `/Span <</ActualText ${pdfTextString(piece.actualText)}>> BDC\n`;
	const after = piece.actualText === undefined ? '' : '\nEMC';
	if (writeGlyphRun(ctx.doc, glyphRunOfPiece(piece), x, baseline, before, after)) return;
	if (before) ctx.doc.addContent(before.trimEnd());
	ctx.doc.text(piece.text, x, baseline, {
		lineBreak: false,
		baseline: 'alphabetic',
		features: piece.shapeWhole ? WHOLE_RUN : undefined,
		// Already measured: pdfkit would otherwise measure the piece once more.
		textWidth: piece.width,
		wordCount: 1
	} as PDFKit.Mixins.TextOptions);
	if (after) ctx.doc.addContent(after.trimStart());
}

/**
 * Draws a line with its baseline at `baseline`, inside [x, x + width]. Alignment
 * follows the letter's direction even for a line whose own base direction differs
 * (an English label in a Dari letter still starts at the right).
 */
export function drawLine(
	ctx: TextContext,
	line: TextLine,
	style: TextStyle,
	box: { x: number; width: number; baseline: number; align?: Align }
): void {
	const align = box.align ?? 'start';
	const atLeft =
		align === 'left' || (align !== 'right' && (align === 'start') === (ctx.direction === 'ltr'));
	let x =
		align === 'center'
			? box.x + (box.width - line.width) / 2
			: atLeft
				? box.x
				: box.x + box.width - line.width;
	for (const piece of line.pieces) {
		const linked = piece.href !== null && style.linkStyle !== false;
		useFace(ctx, piece.face, style.size);
		useColor(ctx, linked ? LINK_COLOR : style.color);
		drawPiece(ctx, piece, x, box.baseline);
		if (piece.href !== null) {
			ctx.doc.link(x, box.baseline - style.size * 0.95, piece.width, style.size * 1.25, piece.href);
			if (linked) {
				const y = box.baseline + style.size * 0.12;
				ctx.doc.save().lineWidth(0.5).strokeColor(LINK_COLOR).moveTo(x, y).lineTo(x + piece.width, y).stroke().restore();
			}
		}
		x += piece.width;
	}
}

/** The text of a line as pdfkit receives it, for tests of visual order. */
export function lineText(line: TextLine): string {
	return line.pieces.map((piece) => piece.text).join('');
}
