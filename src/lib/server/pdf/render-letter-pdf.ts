import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { useArchivalMetadata, type ArchivalInfo } from './archival-metadata';
import { drawPageFooters } from './draw-page-footers';
import { drawPreviewMarks } from './draw-preview-marks';
import { drawSignatories } from './draw-signatories';
import { drawSignatureRecord } from './draw-signature-record';
import { drawVerification, verificationHeight } from './draw-verification';
import { hanPreferenceFor, resetGlyphCaches } from './fonts';
import { formatLetterDate, placeAndDate } from './format-letter-date';
import { markdownBlocks, type BodyBlock } from './markdown-blocks';
import { labelLocale, labels, signatoryCount } from './pdf-labels';
import {
	blockHeight,
	bodyIndent,
	createFrame,
	drawBlock,
	drawRule,
	drawTaggedBlock,
	ensureSpace,
	layoutBlock,
	type Frame,
	type LaidOutBlock
} from './page-frame';
import { addStructElement, endStructElement, type StructNode, type StructType } from './structure-tree';
import { createTextContext, type Direction, type TextSpan, type TextStyle } from './text-layout';
import { typographicQuotes } from './typographic-quotes';
import type { LetterPdfInput, LetterPreviewInput } from './types';
import { addSealPlaceholder } from '../seal/seal-placeholder';
import { collectPdfOutput } from './pdfkit-internals';

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
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'yi', 'dv', 'ckb', 'sd', 'ug', 'syr']);

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
 *
 * Given a LetterPreviewInput, the same letter as a preview (issue 13): every page
 * marked "PREVIEW", and no verification block, QR code, seal, code or hash.
 */
export async function renderLetterPdf(input: LetterPdfInput | LetterPreviewInput): Promise<Buffer> {
	resetGlyphCaches();
	const published = 'preview' in input ? null : input;
	const info: ArchivalInfo = 'preview' in input ? previewInfo(input) : publishedInfo(input);
	const doc = new PDFDocument({
		autoFirstPage: false,
		bufferPages: true,
		// No default font: pdfkit would otherwise add Helvetica to every file.
		font: null as unknown as string,
		lang: input.language,
		displayTitle: true,
		// PDF/A-2b (ISO 19005-2): archival, and it allows the PAdES seal added after
		// rendering. Level A is not claimed: no validator here checks the tagging
		// against it, though the structure below is what level A asks for.
		pdfVersion: '1.7',
		subset: 'PDF/A-2b',
		tagged: true,
		info
	});
	useArchivalMetadata(doc, info, input.language);
	const output = collectPdfOutput(doc);

	const locale = labelLocale(input.language);
	const ctx = createTextContext(doc, directionOf(input.language), hanPreferenceFor(input.language));
	const frame = createFrame(ctx, input.pageSize);
	drawLetterhead(frame, input.coalitionName);
	drawHeader(frame, input);
	drawBody(frame, markdownBlocks(input.bodyMarkdown), input.language);
	drawClosing(frame, input.closing, input.language);
	// The verification block stays with the end of what precedes it.
	const tail = published ? verificationHeight(frame, published, locale) : 0;
	drawSignatories(frame, input.signatories, input.language, input.signatureRecord ? 0 : tail);
	if (input.signatureRecord) drawSignatureRecord(frame, input.signatureRecord, locale, tail);
	if (published) {
		drawVerification(frame, published, locale);
		drawPageFooters(frame, [{ text: `${published.shortId} · ` }, { text: published.verificationUrl, href: published.verificationUrl }], locale);
		if (published.seal) addSealPlaceholder(doc, published.seal);
	} else {
		drawPageFooters(frame, [{ text: labels.pdf_preview_header({}, { locale }) }], locale);
		drawPreviewMarks(frame, locale);
	}

	doc.end();
	return withContentIdentifier(await output);
}

/** The document information, in the letter's language like the labels (issue 14, point 7). */
function publishedInfo(input: LetterPdfInput): ArchivalInfo {
	const locale = labelLocale(input.language);
	const count = signatoryCount(input.signatories.length, locale);
	return {
		Title: input.title,
		Author: input.coalitionName,
		Subject: labels.pdf_info_subject({ date: input.date, count }, { locale }),
		Keywords: [labels.pdf_keyword_open_letter({}, { locale }), input.coalitionName, input.shortId].join(', '),
		Creator: 'Undersigned',
		Producer: `Undersigned ${input.producerVersion}`,
		CreationDate: input.publishedAt,
		ModDate: input.publishedAt
	};
}

function previewInfo(input: LetterPreviewInput): ArchivalInfo {
	const locale = labelLocale(input.language);
	const count = signatoryCount(input.signatories.length, locale);
	return {
		Title: labels.pdf_info_preview_title({ title: input.title }, { locale }),
		Author: input.coalitionName,
		Subject: labels.pdf_info_preview_subject({ count }, { locale }),
		Keywords: [labels.pdf_keyword_open_letter({}, { locale }), labels.pdf_keyword_preview({}, { locale }), input.coalitionName].join(', '),
		Creator: 'Undersigned',
		Producer: `Undersigned ${input.producerVersion}`,
		CreationDate: input.previewedAt,
		ModDate: input.previewedAt
	};
}

function drawLetterhead(frame: Frame, coalitionName: string): void {
	drawTaggedBlock(frame, layoutBlock(frame, [{ text: coalitionName }], { size: 12.5, color: '#1f3a5f', bold: true }, { lineHeight: 17 }));
	drawRule(frame, frame.y + 4, '#1f3a5f', 0.9);
	frame.y += 22;
}

function drawHeader(frame: Frame, input: Pick<LetterPdfInput, 'date' | 'dateFormat' | 'language' | 'place' | 'addressees' | 'title'>): void {
	const date = formatLetterDate(input.date, input.dateFormat, input.language);
	const quoted = (text: string): TextSpan[] => typographicQuotes([{ text }], input.language);
	drawTaggedBlock(
		frame,
		layoutBlock(frame, [{ text: placeAndDate(input.place, date, input.dateFormat, input.language) }], BODY, {
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
		drawTaggedBlock(frame, layoutBlock(frame, quoted(line), BODY, { lineHeight: BODY_LINE }));
	}
	frame.y += addressees.length > 0 ? 18 : 0;
	drawTaggedBlock(frame, layoutBlock(frame, quoted(input.title), { size: 15.5, color: INK, bold: true }, { lineHeight: 20, spaceAfter: 10 }), 'H1');
}

/** The lists open around the paragraph being set, outermost first. */
interface OpenList {
	list: StructNode;
	item: StructNode | null;
	body: StructNode | null;
}

function drawBody(frame: Frame, blocks: BodyBlock[], language: string): void {
	const doc = frame.doc;
	// Body headings are tagged from H2 (the title is H1), without skipping a level
	// when the body starts at "##".
	const topLevel = Math.min(...blocks.map((block) => (block.kind === 'heading' ? block.level : 6)));
	const lists: OpenList[] = [];
	let quote: StructNode | null = null;
	const closeLists = (depth: number) => {
		while (lists.length > depth) {
			const open = lists.pop();
			if (open?.item) endStructElement(open.item);
			if (open) endStructElement(open.list);
		}
	};
	const laidOut = blocks.map((block, index) => layoutBodyBlock(frame, block, blocks[index + 1], language));
	for (const [index, block] of blocks.entries()) {
		const laid = laidOut[index];
		if (!laid) continue;
		if (block.kind === 'heading') {
			closeLists(0);
			quote = null;
			if (frame.y > frame.top) frame.y += 8;
			// A heading never ends a page: it stays with as many lines of what follows
			// as widow and orphan control let begin a page (all of three, two of more).
			const next = laidOut[index + 1];
			const following = next ? Math.max(next.lines.length, next.marker ? 1 : 0) : 0;
			ensureSpace(frame, blockHeight(laid) + (following <= 3 ? following : 2) * BODY_LINE);
			drawTaggedBlock(frame, laid, `H${Math.min(6, block.level - topLevel + 2)}` as StructType);
			continue;
		}
		closeLists(block.depth);
		if (block.quote === 0 && block.depth === 0) quote = null;
		let parent: StructNode = frame.structure;
		if (block.depth === 0 && block.quote > 0) {
			quote ??= addStructElement(doc, frame.structure, 'BlockQuote');
			parent = quote;
		}
		while (lists.length < block.depth) {
			const outer = lists[lists.length - 1];
			lists.push({ list: addStructElement(doc, outer?.body ?? parent, 'L'), item: null, body: null });
		}
		const open = lists[lists.length - 1];
		let marker: StructNode | undefined;
		if (open && (block.marker || !open.body)) {
			if (open.item) endStructElement(open.item);
			open.item = addStructElement(doc, open.list, 'LI');
			if (block.marker) marker = addStructElement(doc, open.item, 'Lbl');
			open.body = addStructElement(doc, open.item, 'LBody');
		}
		const paragraph = addStructElement(doc, open?.body ?? parent, 'P');
		drawBlock(frame, laid, { text: paragraph, marker });
		endStructElement(paragraph);
		if (marker) endStructElement(marker);
	}
	closeLists(0);
}

function layoutBodyBlock(frame: Frame, block: BodyBlock, next: BodyBlock | undefined, language: string): LaidOutBlock {
	const spans = typographicQuotes(block.spans, language);
	if (block.kind === 'heading') {
		const style = HEADINGS[block.level] ?? BODY;
		return layoutBlock(frame, spans, style, { lineHeight: style.size * 1.35, spaceAfter: 4 });
	}
	return layoutBlock(frame, spans, BODY, {
		lineHeight: BODY_LINE,
		indent: bodyIndent(block.depth, block.quote),
		marker: block.marker,
		quote: block.quote,
		// Tight list items sit close together; the last one is followed by a paragraph's space.
		spaceAfter: block.tight && isTightItem(next) ? 3 : 8
	});
}

function isTightItem(block: BodyBlock | undefined): boolean {
	return block?.kind === 'paragraph' && block.tight && block.depth > 0;
}

function drawClosing(frame: Frame, closing: string, language: string): void {
	const lines = closing
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	frame.y += 6;
	ensureSpace(frame, lines.length * BODY_LINE);
	for (const line of lines) drawTaggedBlock(frame, layoutBlock(frame, typographicQuotes([{ text: line }], language), BODY, { lineHeight: BODY_LINE }));
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
