import type { Frame } from './page-frame';
import { labelDirection, pageOf, type Locale } from './pdf-labels';
import { markArtifact } from './structure-tree';
import { drawLine, layoutText, type Direction, type TextSpan, type TextStyle } from './text-layout';

const FOOTER: TextStyle = { size: 7.5, color: '#5b616a', direction: 'ltr', linkStyle: false };

/**
 * Every page: `left` on one side (the letter's short id and verification URL, or
 * in a preview the preview mark), "Page X of Y" on the other. Drawn once all pages
 * exist (pdfkit's bufferPages), since Y is only known at the end.
 */
export function drawPageFooters(frame: Frame, left: TextSpan[], locale: Locale): void {
	const { doc, ctx } = frame;
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		// The page's content ended in an unknown colour.
		ctx.color = null;
		// Page furniture, not the letter: a screen reader skips it (an Artifact).
		markArtifact(doc, 'Pagination', () => drawFooter(frame, pageOf(i + 1, range.count, locale), labelDirection(locale), left));
	}
}

function drawFooter(frame: Frame, pageLabel: string, direction: Direction, leftText: TextSpan[]): void {
	const { doc, ctx } = frame;
	const baseline = frame.pageHeight - 46;
	const width = frame.right - frame.left;
	doc.save().lineWidth(0.5).strokeColor('#c9ced4').moveTo(frame.left, baseline - 12).lineTo(frame.right, baseline - 12).stroke().restore();
	const [left] = layoutText(ctx, leftText, FOOTER, width * 0.75);
	const [right] = layoutText(ctx, [{ text: pageLabel }], { ...FOOTER, direction }, width * 0.25);
	if (left) drawLine(ctx, left, FOOTER, { x: frame.left, width, baseline, align: 'left' });
	if (right) drawLine(ctx, right, { ...FOOTER, direction }, { x: frame.left, width, baseline, align: 'right' });
}
