import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { drawPageFooters } from './draw-page-footers';
import { drawSignatories, countLabel } from './draw-signatories';
import { drawSignatureRecord } from './draw-signature-record';
import { drawVerification } from './draw-verification';
import { hanPreferenceFor, resetGlyphCaches } from './fonts';
import { formatLetterDate, placeAndDate } from './format-letter-date';
import { markdownBlocks, type BodyBlock } from './markdown-blocks';
import {
	blockHeight,
	bodyIndent,
	createFrame,
	drawBlock,
	drawRule,
	ensureSpace,
	layoutBlock,
	type Frame
} from './page-frame';
import { createTextContext, type Direction, type TextStyle } from './text-layout';
import type { LetterPdfInput } from './types';
import { addSealPlaceholder } from '../seal/seal-placeholder';

const INK = '#111111';
const BODY: TextStyle = { size: 10.5, color: INK };
const BODY_LINE = 15;
const HEADINGS: Record<number, TextStyle> = {
	1: { size: 13.5, color: INK, bold: true },
	2: { size: 12, color: INK, bold: true },
	3: { size: 10.5, color: INK, bold: true },
	4: { size: 10.5, color: INK, bold: true, italic: true }
};

// Languages written right to left; the letter's layout mirrors for them.
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export function directionOf(language: string): Direction {
	const [primary, script] = language.split(/[-_]/);
	if (script && /^(arab|hebr|thaa|syrc|nkoo)$/i.test(script)) return 'rtl';
	if (script && script.length === 4) return 'ltr';
	return RIGHT_TO_LEFT.has((primary ?? '').toLowerCase()) ? 'rtl' : 'ltr';
}

/**
 * The published letter as a PDF (see PRODUCT.md, "The published PDF"): letterhead,
 * place and date, addressees, title, body, closing, the signatory list, the
 * optional signature record, and the verification block on the last page; every
 * page carries "Page X of Y", the short id and the verification URL.
 *
 * Reproducible (IG4): the output depends on the input alone. The creation and
 * modification dates are the publication time, and the file identifier pdfkit
 * writes is replaced by a hash of the file's own content.
 */
export async function renderLetterPdf(input: LetterPdfInput): Promise<Buffer> {
	resetGlyphCaches();
	const doc = new PDFDocument({
		autoFirstPage: false,
		bufferPages: true,
		// No default font: pdfkit would otherwise add Helvetica to every file.
		font: null as unknown as string,
		lang: input.language,
		displayTitle: true,
		info: {
			Title: input.title,
			Author: input.coalitionName,
			Subject: `Open letter of ${input.date}, signed by ${countLabel(input.signatories.length)}`,
			Keywords: ['open letter', input.coalitionName, input.shortId].join(', '),
			Creator: 'Undersigned',
			Producer: `Undersigned ${input.producerVersion}`,
			CreationDate: input.publishedAt,
			ModDate: input.publishedAt
		}
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});

	const ctx = createTextContext(doc, directionOf(input.language), hanPreferenceFor(input.language));
	const frame = createFrame(ctx, input.pageSize);
	drawLetterhead(frame, input.coalitionName);
	drawHeader(frame, input);
	drawBody(frame, markdownBlocks(input.bodyMarkdown));
	drawClosing(frame, input.closing);
	drawSignatories(frame, input.signatories, input.language);
	if (input.signatureRecord) drawSignatureRecord(frame, input.signatureRecord);
	drawVerification(frame, input);
	drawPageFooters(frame, input.shortId, input.verificationUrl);
	if (input.seal) addSealPlaceholder(doc, input.seal);

	doc.end();
	await ended;
	return withContentIdentifier(Buffer.concat(chunks));
}

function drawLetterhead(frame: Frame, coalitionName: string): void {
	drawBlock(frame, layoutBlock(frame, [{ text: coalitionName }], { size: 12.5, color: '#1f3a5f', bold: true }, { lineHeight: 17 }));
	drawRule(frame, frame.y + 4, '#1f3a5f', 0.9);
	frame.y += 22;
}

function drawHeader(frame: Frame, input: LetterPdfInput): void {
	const date = formatLetterDate(input.date, input.dateFormat, input.language);
	drawBlock(
		frame,
		layoutBlock(frame, [{ text: placeAndDate(input.place, date, input.dateFormat) }], BODY, {
			lineHeight: BODY_LINE,
			align: 'end',
			spaceAfter: 16
		})
	);
	const addressees = input.addressees
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	for (const line of addressees) {
		drawBlock(frame, layoutBlock(frame, [{ text: line }], BODY, { lineHeight: BODY_LINE }));
	}
	frame.y += addressees.length > 0 ? 18 : 0;
	drawBlock(frame, layoutBlock(frame, [{ text: input.title }], { size: 15.5, color: INK, bold: true }, { lineHeight: 20, spaceAfter: 10 }));
}

function drawBody(frame: Frame, blocks: BodyBlock[]): void {
	for (const [index, block] of blocks.entries()) {
		if (block.kind === 'heading') {
			const style = HEADINGS[block.level] ?? BODY;
			const heading = layoutBlock(frame, block.spans, style, { lineHeight: style.size * 1.35, spaceAfter: 4 });
			if (frame.y > frame.top) frame.y += 8;
			// A heading never ends a page: it stays with two lines of what follows.
			ensureSpace(frame, blockHeight(heading) + 2 * BODY_LINE);
			drawBlock(frame, heading);
			continue;
		}
		const indent = bodyIndent(block.depth, block.quote);
		drawBlock(
			frame,
			layoutBlock(frame, block.spans, BODY, {
				lineHeight: BODY_LINE,
				indent,
				marker: block.marker,
				quote: block.quote,
				// Tight list items sit close together; the last one is followed by a paragraph's space.
				spaceAfter: block.tight && isTightItem(blocks[index + 1]) ? 3 : 8
			})
		);
	}
}

function isTightItem(block: BodyBlock | undefined): boolean {
	return block?.kind === 'paragraph' && block.tight && block.depth > 0;
}

function drawClosing(frame: Frame, closing: string): void {
	const lines = closing
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	frame.y += 6;
	ensureSpace(frame, lines.length * BODY_LINE);
	for (const line of lines) drawBlock(frame, layoutBlock(frame, [{ text: line }], BODY, { lineHeight: BODY_LINE }));
}

const TRAILER_ID = /\/ID \[<([0-9a-f]{32})> <\1>\]/;

/**
 * pdfkit's file identifier is an MD5 of the Info dictionary alone, so two letters
 * with the same title and time would share it. It is replaced, in place and at the
 * same length, by the first 16 bytes of the SHA-256 of everything before the
 * trailer: an identifier of this exact content that is the same on every render.
 */
function withContentIdentifier(pdf: Buffer): Buffer {
	const trailerAt = pdf.lastIndexOf('\ntrailer\n');
	if (trailerAt < 0) throw new Error('pdfkit wrote no trailer');
	const trailer = pdf.subarray(trailerAt).toString('latin1');
	const match = TRAILER_ID.exec(trailer);
	if (!match) throw new Error('pdfkit wrote no file identifier');
	const id = createHash('sha256').update(pdf.subarray(0, trailerAt)).digest('hex').slice(0, 32);
	const replaced = trailer.replace(TRAILER_ID, `/ID [<${id}> <${id}>]`);
	return Buffer.concat([pdf.subarray(0, trailerAt), Buffer.from(replaced, 'latin1')]);
}
