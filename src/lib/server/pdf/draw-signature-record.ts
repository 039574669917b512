import { baselineIn, contentWidth, drawRule, drawTaggedBlock, layoutBlock, newPage, type Frame } from './page-frame';
import { labelDirection, labels, type Locale } from './pdf-labels';
import { addStructElement, endStructElement, markArtifact, markStructured, type StructNode } from './structure-tree';
import { drawLine, layoutText, type TextLine, type TextStyle } from './text-layout';
import type { PdfSignatureRecordRow } from './types';

const CELL: TextStyle = { size: 8, color: '#111111', plain: true };
const HEAD: TextStyle = { size: 8, color: '#111111', bold: true, direction: 'ltr' };
const LINE = 10.5;
const PAD = 3;
const GAP = 8;

interface Column {
	label: (locale: Locale) => string;
	/** Share of the content width. */
	share: number;
	/** Technical columns read left to right whatever the letter's direction. */
	ltr?: boolean;
	/**
	 * A name as typed: isolated like <bdi> (IN4), so "Verein e.V." keeps its full
	 * stop at its end in a right-to-left letter.
	 */
	name?: boolean;
}

const COLUMNS: Column[] = [
	// The hash column fits 12 hex digits on US Letter, the narrower page.
	{ label: (locale) => labels.pdf_record_organisation({}, { locale }), share: 0.34, name: true },
	{ label: (locale) => labels.pdf_record_signer({}, { locale }), share: 0.2, name: true },
	{ label: (locale) => labels.pdf_record_time({}, { locale }), share: 0.18, ltr: true },
	{ label: (locale) => labels.pdf_record_text_hash({}, { locale }), share: 0.17, ltr: true },
	{ label: (locale) => labels.pdf_record_method({}, { locale }), share: 0.11 }
];

/** "2024-05-20 14:03:11" */
export function formatUtc(time: Date): string {
	return time.toISOString().slice(0, 19).replace('T', ' ');
}

/** PR1: a signer who did not make their name public is "withheld", never named. */
function rowCells(row: PdfSignatureRecordRow, locale: Locale): string[] {
	return [row.organisationName, row.signer ?? labels.pdf_withheld({}, { locale }), formatUtc(row.signedAt), row.textHashPrefix, methodLabel(row.method, locale)];
}

/** How the signer confirmed it was them, in the letter's language (a stored value we have no word for prints as stored). */
function methodLabel(method: string, locale: Locale): string {
	if (method === 'password') return labels.pdf_method_password({}, { locale });
	if (method === 'totp') return labels.pdf_method_totp({}, { locale });
	if (method === 'recovery_code') return labels.pdf_method_recovery_code({}, { locale });
	return method;
}

interface Row {
	cells: TextLine[][];
	height: number;
	/** Which cells are shown in italic grey ("withheld"). */
	muted: boolean[];
	/** A row of values, whose technical columns read left to right (the header is words). */
	technical: boolean;
}

/** Rows carried over with what follows the table when it does not fit after them. */
const CARRIED_ROWS = 3;

/**
 * The appendix "Signature record": one row per signature, on a new page, with the
 * header repeated on every page it runs onto; a row is never split. `tailHeight`
 * is the height of what follows on the last page: the last rows go over with it
 * rather than leave it alone on a page. Tagged as a table, the header row of TH.
 */
export function drawSignatureRecord(frame: Frame, rows: PdfSignatureRecordRow[], locale: Locale, tailHeight = 0): void {
	const direction = labelDirection(locale);
	newPage(frame);
	drawTaggedBlock(frame, layoutBlock(frame, [{ text: labels.pdf_signature_record({}, { locale }) }], { size: 13, color: '#111111', bold: true, direction }, { lineHeight: 18, spaceAfter: 2 }), 'H2');
	drawTaggedBlock(
		frame,
		layoutBlock(
			frame,
			[{ text: labels.pdf_signature_record_intro({}, { locale }) }],
			{ size: 8.5, color: '#4a5058', direction },
			{ lineHeight: 11.5, spaceAfter: 8 }
		)
	);
	const widths = COLUMNS.map((column) => column.share * (contentWidth(frame) - GAP * (COLUMNS.length - 1)));
	// The header reads in the labels' direction, technical columns included.
	const head = { ...HEAD, direction };
	const header = layoutRow(frame, COLUMNS.map((column) => column.label(locale)), widths, head, [], false);
	const table = addStructElement(frame.doc, frame.structure, 'Table');
	drawRow(frame, header, widths, head, table, 'TH');
	const laidOut = rows.map((record) => layoutRow(frame, rowCells(record, locale), widths, CELL, [false, record.signer === null]));
	let rest = laidOut.reduce((sum, row) => sum + row.height, 0);
	laidOut.forEach((row, index) => {
		const carried = index > 0 && index === laidOut.length - CARRIED_ROWS;
		const tooLow = frame.y + row.height > frame.bottom;
		// From the last few rows on, they and what follows stay together.
		if (tooLow || (carried && tailHeight > 0 && frame.y + rest + tailHeight > frame.bottom && frame.y > frame.top + 80)) {
			newPage(frame);
			// The repeated header is page furniture: the table has one header row.
			drawRow(frame, header, widths, head, null, 'TH');
		}
		drawRow(frame, row, widths, CELL, table, 'TD');
		rest -= row.height;
	});
	endStructElement(table);
}

function layoutRow(frame: Frame, texts: string[], widths: number[], style: TextStyle, muted: boolean[], technical = true): Row {
	const cells = texts.map((text, index) =>
		layoutText(frame.ctx, [{ text, isolate: technical && COLUMNS[index]?.name }], cellStyle(style, index, muted[index] ?? false, technical), widths[index] ?? 0)
	);
	const lines = Math.max(1, ...cells.map((cell) => cell.length));
	return { cells, height: lines * LINE + PAD * 2, muted, technical };
}

function cellStyle(style: TextStyle, index: number, muted: boolean, technical: boolean): TextStyle {
	const ltr = technical && COLUMNS[index]?.ltr ? { direction: 'ltr' as const } : {};
	return muted ? { ...style, ...ltr, italic: true, color: '#6b7178' } : { ...style, ...ltr };
}

function drawRow(frame: Frame, row: Row, widths: number[], style: TextStyle, table: StructNode | null, cellType: 'TH' | 'TD'): void {
	const rtl = frame.ctx.direction === 'rtl';
	const doc = frame.doc;
	const tr = table ? addStructElement(doc, table, 'TR') : null;
	let offset = 0;
	row.cells.forEach((cell, index) => {
		const width = widths[index] ?? 0;
		const x = rtl ? frame.right - offset - width : frame.left + offset;
		const cellStyled = cellStyle(style, index, row.muted[index] ?? false, row.technical);
		const td = tr ? addStructElement(doc, tr, cellType) : null;
		cell.forEach((line, lineIndex) => {
			const baseline = frame.y + PAD + lineIndex * LINE + baselineIn(LINE, style.size);
			const draw = () => drawLine(frame.ctx, line, cellStyled, { x, width, baseline });
			if (td) markStructured(doc, td, draw);
			else markArtifact(doc, 'Pagination', draw);
		});
		if (td) endStructElement(td);
		offset += width + GAP;
	});
	if (tr) endStructElement(tr);
	frame.y += row.height;
	drawRule(frame, frame.y, '#dde1e5', 0.5);
}
