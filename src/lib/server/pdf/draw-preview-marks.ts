import type { Frame } from './page-frame';
import { labelDirection, labels, type Locale } from './pdf-labels';
import { markArtifact } from './structure-tree';
import { drawLine, layoutText, type TextStyle } from './text-layout';

const HEADER: TextStyle = { size: 9, color: '#b3261e', bold: true, direction: 'ltr', linkStyle: false };
const DIAGONAL: TextStyle = { size: 64, color: '#b3261e', bold: true, direction: 'ltr', linkStyle: false };
/** Light enough that the letter under it reads, strong enough that no one mistakes the page for the letter. */
const DIAGONAL_OPACITY = 0.1;

/**
 * Every page of a preview (issue 13): a red line in the top margin and a large pale
 * "PREVIEW" across the page, so that no page, printed or cut out alone, passes for
 * the published letter. Drawn last, once all pages exist, as page furniture (an
 * Artifact); the document's title says "Preview" for a screen reader.
 */
export function drawPreviewMarks(frame: Frame, locale: Locale): void {
	const { doc } = frame;
	const direction = labelDirection(locale);
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		frame.ctx.color = null;
		markArtifact(doc, 'Pagination', () => drawHeader(frame, labels.pdf_preview_header({}, { locale }), { ...HEADER, direction }));
		markArtifact(doc, 'Layout', () => drawDiagonal(frame, labels.pdf_preview_mark({}, { locale }), { ...DIAGONAL, direction }));
		// The graphics state was restored under the text context's cached colour.
		frame.ctx.color = null;
	}
}

function drawHeader(frame: Frame, text: string, style: TextStyle): void {
	const width = frame.right - frame.left;
	const [line] = layoutText(frame.ctx, [{ text }], style, width);
	if (line) drawLine(frame.ctx, line, style, { x: frame.left, width, baseline: 38, align: 'center' });
}

function drawDiagonal(frame: Frame, text: string, style: TextStyle): void {
	const { doc, ctx } = frame;
	const [line] = layoutText(ctx, [{ text }], style, frame.pageWidth);
	if (!line) return;
	const cx = frame.pageWidth / 2;
	const cy = frame.pageHeight / 2;
	const angle = (-Math.atan2(frame.pageHeight, frame.pageWidth) * 180) / Math.PI;
	doc.save();
	doc.fillOpacity(DIAGONAL_OPACITY);
	doc.rotate(angle, { origin: [cx, cy] });
	ctx.color = null;
	drawLine(ctx, line, style, { x: 0, width: frame.pageWidth, baseline: cy + DIAGONAL.size * 0.35, align: 'center' });
	doc.restore();
}
