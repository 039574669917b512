import { signatoryLine } from '../signing/order-signatories';
import { baselineIn, contentWidth, drawRule, ensureSpace, layoutBlock, newPage, drawBlock, type Frame } from './page-frame';
import { hanPreferenceForCountry } from './fonts';
import { packColumns } from './pack-columns';
import { drawLine, layoutText, type TextLine, type TextStyle } from './text-layout';
import type { PdfSignatory } from './types';

const NAME: TextStyle = { size: 9.5, color: '#111111', plain: true };
const NAME_LINE = 12.5;
const SIGNER: TextStyle = { size: 8.5, color: '#4a5058', italic: true, plain: true };
const SIGNER_LINE = 11;
const ENTRY_GAP = 4.5;
const COLUMN_GAP = 22;
/** From this many organisations on, the list is set in two columns. */
export const TWO_COLUMNS_FROM = 9;

interface Entry {
	verified: boolean;
	name: TextLine[];
	signer: TextLine[];
	height: number;
}

const MARK_WIDTH = 7;
const MARK_COLOR = '#2f6f3e';

/*
 * The badge of a verified organisation is drawn, not typed: of the bundled fonts
 * only the 5 MB CJK ones have a check mark, and a letter should not embed one just
 * for that. The legend under the heading explains it.
 */
function drawVerifiedMark(frame: Frame, x: number, baseline: number, size: number): void {
	const h = size * 0.62;
	frame.doc
		.save()
		.lineWidth(1.1)
		.lineJoin('round')
		.lineCap('round')
		.strokeColor(MARK_COLOR)
		.moveTo(x + 0.5, baseline - h * 0.45)
		.lineTo(x + MARK_WIDTH * 0.38, baseline - 0.4)
		.lineTo(x + MARK_WIDTH - 0.5, baseline - h)
		.stroke()
		.restore();
}

/**
 * PR1: the signer's name, and their title with it, only when they chose to make
 * it public; a title alone could still point at the person.
 */
function signerText(signatory: PdfSignatory): string | null {
	if (!signatory.signerName) return null;
	return signatory.signerTitle ? `${signatory.signerName}, ${signatory.signerTitle}` : signatory.signerName;
}

function layoutEntry(frame: Frame, signatory: PdfSignatory, language: string, width: number): Entry {
	// signatoryLine is the one wording of an entry everywhere; the name is isolated
	// for bidi like <bdi> on the pages (IN4).
	const line = signatoryLine(signatory, language);
	const spans = line.startsWith(signatory.organisationName)
		? [{ text: signatory.organisationName, isolate: true }, { text: line.slice(signatory.organisationName.length) }]
		: [{ text: line }];
	// A verified entry keeps room at the end of its last line for the badge.
	const han = hanPreferenceForCountry(signatory.country);
	const name = layoutText(frame.ctx, spans, { ...NAME, han }, signatory.verified ? width - MARK_WIDTH - 4 : width);
	const signer = signerText(signatory);
	const signerLines = signer ? layoutText(frame.ctx, [{ text: signer, isolate: true }], { ...SIGNER, han }, width) : [];
	return {
		verified: signatory.verified,
		name,
		signer: signerLines,
		height: name.length * NAME_LINE + signerLines.length * SIGNER_LINE + ENTRY_GAP
	};
}

export function countLabel(count: number): string {
	return `${new Intl.NumberFormat('en').format(count)} ${count === 1 ? 'organisation' : 'organisations'}`;
}

/**
 * "Signatories" with the count, then one entry per organisation in the given
 * order: "Organisation name, Country" and, when public, the signer. Long lists are
 * set in two columns; an entry is never split across columns or pages.
 */
export function drawSignatories(frame: Frame, signatories: PdfSignatory[], language: string): void {
	// The labels are English whatever the letter's language, so they read left to right.
	const heading = layoutBlock(frame, [{ text: 'Signatories' }], { size: 13, color: '#111111', bold: true, direction: 'ltr' }, { lineHeight: 18 });
	const count = layoutBlock(frame, [{ text: countLabel(signatories.length) }], { size: 9.5, color: '#4a5058', direction: 'ltr' }, { lineHeight: 13, spaceAfter: 4 });
	const anyVerified = signatories.some((signatory) => signatory.verified);
	const legend = anyVerified
		? layoutBlock(frame, [{ text: 'membership verified by the coalition' }], { size: 8, color: '#4a5058', direction: 'ltr' }, { lineHeight: 11, indent: MARK_WIDTH + 4 })
		: null;
	const columns = signatories.length >= TWO_COLUMNS_FROM ? 2 : 1;
	const columnWidth = (contentWidth(frame) - COLUMN_GAP * (columns - 1)) / columns;
	const entries = signatories.map((signatory) => layoutEntry(frame, signatory, language, columnWidth));

	const headingHeight = 18 + 13 + 4 + (legend ? 11 : 0) + 8;
	// The heading stays with at least its first entry.
	ensureSpace(frame, 14 + headingHeight + (entries[0]?.height ?? 0));
	frame.y += 14;
	drawBlock(frame, heading);
	drawBlock(frame, count);
	if (legend) {
		const rtl = frame.ctx.direction === 'rtl';
		drawVerifiedMark(frame, rtl ? frame.right - MARK_WIDTH : frame.left, frame.y + baselineIn(11, 8), 8);
		drawBlock(frame, legend);
	}
	drawRule(frame, frame.y + 2);
	frame.y += 8;

	const heights = entries.map((entry) => entry.height);
	const pages = packColumns(heights, {
		columns,
		firstHeight: frame.bottom - frame.y + ENTRY_GAP,
		pageHeight: frame.bottom - frame.top + ENTRY_GAP
	});
	pages.forEach((page, pageIndex) => {
		if (pageIndex > 0) newPage(frame);
		const top = frame.y;
		let lowest = top;
		page.columns.forEach((column, columnIndex) => {
			const rtl = frame.ctx.direction === 'rtl';
			// Columns follow the reading direction: in a right-to-left letter the first is on the right.
			const slot = rtl ? columns - 1 - columnIndex : columnIndex;
			const x = frame.left + slot * (columnWidth + COLUMN_GAP);
			let y = top;
			for (const index of column) {
				const entry = entries[index];
				if (!entry) continue;
				y = drawEntry(frame, entry, x, y, columnWidth);
			}
			lowest = Math.max(lowest, y);
		});
		frame.y = lowest;
	});
}

function drawEntry(frame: Frame, entry: Entry, x: number, y: number, width: number): number {
	const rtl = frame.ctx.direction === 'rtl';
	entry.name.forEach((line, index) => {
		const baseline = y + baselineIn(NAME_LINE, NAME.size);
		drawLine(frame.ctx, line, NAME, { x, width, baseline });
		if (entry.verified && index === entry.name.length - 1) {
			drawVerifiedMark(frame, rtl ? x + width - line.width - 4 - MARK_WIDTH : x + line.width + 4, baseline, NAME.size);
		}
		y += NAME_LINE;
	});
	for (const line of entry.signer) {
		drawLine(frame.ctx, line, SIGNER, { x, width, baseline: y + baselineIn(SIGNER_LINE, SIGNER.size) });
		y += SIGNER_LINE;
	}
	return y + ENTRY_GAP;
}
