import { drawQrCode } from './draw-qr-code';
import { formatUtc } from './draw-signature-record';
import { baselineIn, contentWidth, drawRule, ensureSpace, type Frame } from './page-frame';
import { drawLine, layoutText, type TextSpan, type TextStyle } from './text-layout';
import type { LetterPdfInput } from './types';
import { sealRow } from '../seal/seal-placeholder';

const QR_SIZE = 96;
const TEXT: TextStyle = { size: 8, color: '#22272e', direction: 'ltr' };
const LABEL: TextStyle = { ...TEXT, bold: true };
const LINE = 11;

type VerificationFields = Pick<LetterPdfInput, 'verificationUrl' | 'shortId' | 'signingTextHash' | 'auditHeadHash' | 'publishedAt' | 'seal'>;

/**
 * The block that ends the letter, on its last page: a QR code to the verification
 * page, the verification code, the publication time in UTC, the signing text's
 * hash and the audit chain's head (IG2). Technical lines read left to right in
 * every letter.
 */
export function drawVerification(frame: Frame, fields: VerificationFields): void {
	const rows: [string, TextSpan[]][] = [
		['Verify this letter', [{ text: fields.verificationUrl, href: fields.verificationUrl }]],
		['Verification code', [{ text: fields.shortId }]],
		['Published', [{ text: `${formatUtc(fields.publishedAt)} UTC` }]],
		['Signing text hash (SHA-256)', [{ text: fields.signingTextHash }]],
		['Audit chain head', [{ text: fields.auditHeadHash }]],
		...(fields.seal ? [sealRow(fields.seal)] : [])
	];
	const textX = frame.left + QR_SIZE + 14;
	const textWidth = contentWidth(frame) - QR_SIZE - 14;
	const laidOut = rows.map(([label, value]) => ({
		label: layoutText(frame.ctx, [{ text: label }], LABEL, textWidth),
		value: layoutText(frame.ctx, value, TEXT, textWidth)
	}));
	const textHeight = laidOut.reduce((height, row) => height + (row.label.length + row.value.length) * LINE + 3, 0);
	const height = 24 + Math.max(QR_SIZE, textHeight);
	ensureSpace(frame, height + 18);
	frame.y += 18;
	drawRule(frame, frame.y);
	frame.y += 8;
	const top = frame.y;
	drawQrCode(frame.doc, fields.verificationUrl, frame.left - 4, top, QR_SIZE);
	let y = top + 6;
	for (const row of laidOut) {
		for (const line of row.label) {
			drawLine(frame.ctx, line, LABEL, { x: textX, width: textWidth, baseline: y + baselineIn(LINE, LABEL.size), align: 'left' });
			y += LINE;
		}
		for (const line of row.value) {
			drawLine(frame.ctx, line, TEXT, { x: textX, width: textWidth, baseline: y + baselineIn(LINE, TEXT.size), align: 'left' });
			y += LINE;
		}
		y += 3;
	}
	frame.y = Math.max(top + QR_SIZE, y);
}
