import { drawQrCode } from './draw-qr-code';
import { formatUtc } from './draw-signature-record';
import { baselineIn, contentWidth, drawRule, ensureSpace, type Frame } from './page-frame';
import { labelDirection, labels, type Locale } from './pdf-labels';
import { addStructElement, endStructElement, markStructured } from './structure-tree';
import { drawLine, layoutText, type TextSpan, type TextStyle } from './text-layout';
import type { LetterPdfInput } from './types';
import { sealRow } from '../seal/seal-placeholder';

const QR_SIZE = 96;
const TEXT: TextStyle = { size: 8, color: '#22272e', direction: 'ltr' };
const LABEL: TextStyle = { ...TEXT, bold: true };
const LINE = 11;

type VerificationFields = Pick<LetterPdfInput, 'verificationUrl' | 'shortId' | 'signingTextHash' | 'auditHeadHash' | 'publishedAt' | 'seal'>;

/** The rule above the block and the space around it. */
const SPACE_ABOVE = 18 + 8;

function layoutRows(frame: Frame, fields: VerificationFields, locale: Locale) {
	const rows: [string, TextSpan[]][] = [
		[labels.pdf_verify_letter({}, { locale }), [{ text: fields.verificationUrl, href: fields.verificationUrl }]],
		[labels.pdf_verification_code({}, { locale }), [{ text: fields.shortId }]],
		[labels.pdf_published({}, { locale }), [{ text: `${formatUtc(fields.publishedAt)} UTC` }]],
		[labels.pdf_signing_text_hash({}, { locale }), [{ text: fields.signingTextHash }]],
		[labels.pdf_audit_chain_head({}, { locale }), [{ text: fields.auditHeadHash }]],
	];
	// The seal's sentence is prose in the labels' language, not a technical value.
	const prose = rows.length;
	if (fields.seal) rows.push(sealRow(fields.seal, locale));
	// The labels read in their own direction; the values (addresses, hashes) left to right.
	const labelStyle = { ...LABEL, direction: labelDirection(locale) };
	const sealStyle = { ...TEXT, direction: labelDirection(locale) };
	const textWidth = contentWidth(frame) - QR_SIZE - 14;
	const laidOut = rows.map(([label, value], index) => {
		const valueStyle = index >= prose ? sealStyle : TEXT;
		return {
			label: layoutText(frame.ctx, [{ text: label }], labelStyle, textWidth),
			labelStyle,
			value: layoutText(frame.ctx, value, valueStyle, textWidth),
			valueStyle
		};
	});
	const textHeight = laidOut.reduce((height, row) => height + (row.label.length + row.value.length) * LINE + 3, 0);
	return { laidOut, textWidth, height: SPACE_ABOVE + Math.max(QR_SIZE, textHeight + 6) };
}

/** The height the verification block takes, space above included. */
export function verificationHeight(frame: Frame, fields: VerificationFields, locale: Locale): number {
	return layoutRows(frame, fields, locale).height;
}

/**
 * The block that ends the letter, on its last page: a QR code to the verification
 * page, the verification code, the publication time in UTC, the signing text's
 * hash and the audit chain's head (IG2). Technical lines read left to right in
 * every letter. Tagged as a section: the QR code a figure with its URL as
 * alternative text, each label and value a paragraph.
 */
export function drawVerification(frame: Frame, fields: VerificationFields, locale: Locale): void {
	const { laidOut, textWidth, height } = layoutRows(frame, fields, locale);
	const textX = frame.left + QR_SIZE + 14;
	ensureSpace(frame, height);
	frame.y += 18;
	drawRule(frame, frame.y);
	frame.y += 8;
	const top = frame.y;
	const doc = frame.doc;
	const section = addStructElement(doc, frame.structure, 'Sect');
	const figure = addStructElement(doc, section, 'Figure', { alt: labels.pdf_qr_code({ url: fields.verificationUrl }, { locale }) });
	markStructured(doc, figure, () => drawQrCode(doc, fields.verificationUrl, frame.left - 4, top, QR_SIZE));
	endStructElement(figure);
	let y = top + 6;
	for (const row of laidOut) {
		const paragraph = addStructElement(doc, section, 'P');
		for (const [lines, style] of [
			[row.label, row.labelStyle],
			[row.value, row.valueStyle]
		] as const) {
			for (const line of lines) {
				const baseline = y + baselineIn(LINE, style.size);
				markStructured(doc, paragraph, () => drawLine(frame.ctx, line, style, { x: textX, width: textWidth, baseline, align: 'left' }));
				y += LINE;
			}
		}
		endStructElement(paragraph);
		y += 3;
	}
	endStructElement(section);
	frame.y = Math.max(top + QR_SIZE, y);
}
