import { signatoryLine } from '../signatory-lists/order-signatories';
import { baselineIn, contentWidth, drawRule, drawTaggedBlock, ensureSpace, layoutBlock, newPage, type Frame } from './page-frame';
import { hanPreferenceForCountry } from './fonts';
import { packColumns } from './pack-columns';
import { labelDirection, labelLocale, labels, signatoryCount } from './pdf-labels';
import { addStructElement, endStructElement, markArtifact, markStructured, type StructNode } from './structure-tree';
import { drawLine, layoutText, type TextLine, type TextSpan, type TextStyle } from './text-layout';
import type { PdfSignatory } from './types';

const NAME: TextStyle = { size: 9.5, color: '#111111', plain: true };
const NAME_LINE = 12.5;
const SIGNER: TextStyle = { size: 8.5, color: '#4a5058', italic: true, plain: true };
const SIGNER_LINE = 11;
const ENTRY_GAP = 4.5;
const COLUMN_GAP = 22;
/** Continuation lines of an entry are indented by this much, so each entry starts at the margin. */
const HANG = 10;
/** From this many organisations on, the list is set in two columns. */
export const TWO_COLUMNS_FROM = 9;

interface Line {
	line: TextLine;
	style: TextStyle;
	height: number;
	/** In the hanging indent: every line of an entry but its first. */
	hanging: boolean;
	/** The last line of the organisation's name: the verified mark goes after it. */
	marked: boolean;
}

/**
 * An entry, or the part of one that fits a column: an entry taller than a whole
 * column (a very long name) continues in the next column rather than running off
 * the page.
 */
interface Entry {
	/** Index of the organisation in the list. */
	index: number;
	verified: boolean;
	lines: Line[];
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

/**
 * Continuation lines sit in the hanging indent, so a wrapped entry is set
 * narrower. Laid out narrow first: most entries fit one line either way, and only
 * one just wider than the narrow measure is laid out again at full width.
 */
function layoutName(frame: Frame, spans: TextSpan[], style: TextStyle, width: number): TextLine[] {
	const narrow = layoutText(frame.ctx, spans, style, width - HANG);
	if (narrow.length < 2) return narrow;
	// The lines' widths without the spaces they broke at (half an em each at most).
	const joined = narrow.reduce((sum, line) => sum + line.width, 0) + (narrow.length - 1) * style.size * 0.5;
	if (joined > width) return narrow;
	const whole = layoutText(frame.ctx, spans, style, width);
	return whole.length === 1 ? whole : narrow;
}

/**
 * "Organisation name, Country" in lines, the country never split across two: when
 * it would be, it starts a line of its own (and wraps only if a line cannot hold it).
 */
function layoutNameAndCountry(frame: Frame, signatory: PdfSignatory, language: string, style: TextStyle, width: number): TextLine[] {
	// signatoryLine is the one wording of an entry everywhere; the name is isolated
	// for bidi like <bdi> on the pages (IN4).
	const line = signatoryLine(signatory, language);
	const name = signatory.organisationName;
	if (!line.startsWith(name)) return layoutName(frame, [{ text: line }], style, width);
	const rest = line.slice(name.length);
	const lines = layoutName(frame, [{ text: name, isolate: true }, { text: rest }], style, width);
	const separator = /^[^\p{L}\p{N}]+/u.exec(rest)?.[0] ?? '';
	if (lines.length === 1 || !separator || separator.length === rest.length) return lines;
	/*
	 * The same entry with the country on a line of its own. Breaking is greedy, so
	 * this takes no more lines than the entry as it came out only when the country
	 * did not fit whole after the name: it was split, or already on its own line.
	 */
	const country = rest.slice(separator.length);
	const own = layoutText(frame.ctx, [{ text: name, isolate: true }, { text: `${separator.trimEnd()}\n${country}` }], style, width - HANG);
	return own.length <= lines.length ? own : lines;
}

function layoutEntry(frame: Frame, signatory: PdfSignatory, index: number, language: string, width: number): Entry {
	const han = hanPreferenceForCountry(signatory.country);
	// A verified entry keeps room at the end of its last line for the badge.
	const nameStyle = { ...NAME, han };
	const name = layoutNameAndCountry(frame, signatory, language, nameStyle, signatory.verified ? width - MARK_WIDTH - 4 : width);
	const signer = signerText(signatory);
	const signerStyle = { ...SIGNER, han };
	const signerLines = signer ? layoutText(frame.ctx, [{ text: signer, isolate: true }], signerStyle, width - HANG) : [];
	const lines: Line[] = [
		...name.map((line, i) => ({ line, style: nameStyle, height: NAME_LINE, hanging: i > 0, marked: i === name.length - 1 })),
		...signerLines.map((line) => ({ line, style: signerStyle, height: SIGNER_LINE, hanging: true, marked: false }))
	];
	return { index, verified: signatory.verified, lines, height: lines.reduce((sum, line) => sum + line.height, 0) + ENTRY_GAP };
}

/** Splits an entry taller than a column into parts that each fit one. */
function fitColumn(entry: Entry, columnHeight: number): Entry[] {
	if (entry.height <= columnHeight) return [entry];
	const parts: Entry[] = [];
	let lines: Line[] = [];
	let height = ENTRY_GAP;
	for (const line of entry.lines) {
		if (lines.length > 0 && height + line.height > columnHeight) {
			parts.push({ ...entry, lines, height });
			lines = [];
			height = ENTRY_GAP;
		}
		lines.push(line);
		height += line.height;
	}
	parts.push({ ...entry, lines, height });
	return parts;
}

/**
 * "Signatories" with the count, then one entry per organisation in the given
 * order: "Organisation name, Country" and, when public, the signer. Long lists are
 * set in two columns; an entry is never split across columns or pages unless it is
 * taller than a column. `tailHeight` is the height of what must follow the list on
 * its last page (the verification block): the list's last entries go over with it
 * rather than leave it alone on a page.
 *
 * Tagged as a heading and a list, one item per organisation in list order, so the
 * second column is read after the first.
 */
export function drawSignatories(frame: Frame, signatories: PdfSignatory[], language: string, tailHeight = 0): void {
	// The labels are in the letter's language, or English for a language we have none in.
	const locale = labelLocale(language);
	const direction = labelDirection(locale);
	const heading = layoutBlock(frame, [{ text: labels.pdf_signatories({}, { locale }) }], { size: 13, color: '#111111', bold: true, direction }, { lineHeight: 18 });
	const count = layoutBlock(frame, [{ text: signatoryCount(signatories.length, locale) }], { size: 9.5, color: '#4a5058', direction }, { lineHeight: 13, spaceAfter: 4 });
	const anyVerified = signatories.some((signatory) => signatory.verified);
	const legend = anyVerified
		? layoutBlock(frame, [{ text: labels.pdf_verified_legend({}, { locale }) }], { size: 8, color: '#4a5058', direction }, { lineHeight: 11, indent: MARK_WIDTH + 4 })
		: null;
	const columns = signatories.length >= TWO_COLUMNS_FROM ? 2 : 1;
	const columnWidth = (contentWidth(frame) - COLUMN_GAP * (columns - 1)) / columns;
	const pageHeight = frame.bottom - frame.top + ENTRY_GAP;
	const entries = signatories.flatMap((signatory, index) => fitColumn(layoutEntry(frame, signatory, index, language, columnWidth), pageHeight));

	const headingHeight = 18 + 13 + 4 + (legend ? 11 : 0) + 8;
	// The heading stays with at least its first entry, and a list of one or two with what follows it.
	const firstHeight = entries.length <= 2 ? entries.reduce((sum, entry) => sum + entry.height, tailHeight) : (entries[0]?.height ?? 0);
	ensureSpace(frame, 14 + headingHeight + firstHeight);
	frame.y += 14;
	drawTaggedBlock(frame, heading, 'H2');
	drawTaggedBlock(frame, count);
	if (legend) {
		const rtl = frame.ctx.direction === 'rtl';
		const y = frame.y;
		markArtifact(frame.doc, 'Layout', () => drawVerifiedMark(frame, rtl ? frame.right - MARK_WIDTH : frame.left, y + baselineIn(11, 8), 8));
		drawTaggedBlock(frame, legend);
	}
	drawRule(frame, frame.y + 2);
	frame.y += 8;

	const list = addStructElement(frame.doc, frame.structure, 'L');
	// The item being drawn: an entry split across columns stays one item.
	const current: { index: number; item: StructNode | null; body: StructNode | null } = { index: -1, item: null, body: null };
	const heights = entries.map((entry) => entry.height);
	const pages = packColumns(heights, {
		columns,
		firstHeight: frame.bottom - frame.y + ENTRY_GAP,
		pageHeight,
		tailHeight: tailHeight > 0 ? tailHeight + ENTRY_GAP : 0
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
				if (current.index !== entry.index || !current.body) {
					// The previous organisation is all drawn: its item can be written out.
					if (current.item) endStructElement(current.item);
					current.index = entry.index;
					current.item = addStructElement(frame.doc, list, 'LI');
					current.body = addStructElement(frame.doc, current.item, 'LBody');
				}
				y = drawEntry(frame, entry, current.body, x, y, columnWidth, labels.pdf_verified_mark({}, { locale }));
			}
			lowest = Math.max(lowest, y);
		});
		frame.y = lowest;
	});
	if (current.item) endStructElement(current.item);
	endStructElement(list);
}

function drawEntry(frame: Frame, entry: Entry, body: StructNode, x: number, y: number, width: number, markAlt: string): number {
	const rtl = frame.ctx.direction === 'rtl';
	const doc = frame.doc;
	for (const { line, style, height, hanging, marked } of entry.lines) {
		const baseline = y + baselineIn(height, style.size);
		// The hanging indent is on the side lines start from.
		const box = { x: hanging && !rtl ? x + HANG : x, width: hanging ? width - HANG : width, baseline };
		// Line by line, as in paragraphs: the PDF has no space between two lines, and
		// an extractor reading one sequence would run "Country" into "Signer".
		markStructured(doc, body, () => {
			drawLine(frame.ctx, line, style, box);
			if (entry.verified && marked) {
				const markX = rtl ? box.x + box.width - line.width - 4 - MARK_WIDTH : box.x + line.width + 4;
				// A drawing has no text: the mark says what it means to a screen reader.
				doc.markContent('Span', { alt: markAlt });
				drawVerifiedMark(frame, markX, baseline, style.size);
				doc.endMarkedContent();
			}
		});
		y += height;
	}
	return y + ENTRY_GAP;
}
