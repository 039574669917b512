import { drawLine, layoutText, type Align, type TextContext, type TextLine, type TextSpan, type TextStyle } from './text-layout';
import { addStructElement, createStructureRoot, endStructElement, markArtifact, markStructured, type StructNode, type StructType } from './structure-tree';
import type { PdfPageSize } from './types';

/** Where the next block goes: the current page's content box and how far down it is filled. */
export interface Frame {
	ctx: TextContext;
	doc: PDFKit.PDFDocument;
	pageSize: PdfPageSize;
	pageWidth: number;
	pageHeight: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
	y: number;
	/** The tagged structure's root: the letter's parts are added to it in reading order. */
	structure: StructNode;
}

// Points (1/72 inch). Wide enough for binding and for the footer below the text.
const MARGIN = { top: 62, bottom: 78, left: 68, right: 68 };
const SIZES: Record<PdfPageSize, [number, number]> = { A4: [595.28, 841.89], LETTER: [612, 792] };

export function createFrame(ctx: TextContext, pageSize: PdfPageSize): Frame {
	const [pageWidth, pageHeight] = SIZES[pageSize];
	const frame: Frame = {
		ctx,
		doc: ctx.doc,
		pageSize,
		pageWidth,
		pageHeight,
		left: MARGIN.left,
		right: pageWidth - MARGIN.right,
		top: MARGIN.top,
		bottom: pageHeight - MARGIN.bottom,
		y: MARGIN.top,
		structure: createStructureRoot(ctx.doc)
	};
	addPage(frame);
	return frame;
}

function addPage(frame: Frame): void {
	frame.doc.addPage({ size: frame.pageSize, margins: MARGIN });
	frame.y = frame.top;
	// A new page starts with pdfkit's default graphics state.
	frame.ctx.color = null;
}

export function newPage(frame: Frame): void {
	addPage(frame);
}

export function contentWidth(frame: Frame): number {
	return frame.right - frame.left;
}

export function spaceLeft(frame: Frame): number {
	return frame.bottom - frame.y;
}

/** Starts a new page unless `height` still fits on this one. */
export function ensureSpace(frame: Frame, height: number): void {
	if (frame.y + height > frame.bottom && frame.y > frame.top) newPage(frame);
}

export interface BlockOptions {
	lineHeight: number;
	/** Left indent (right indent in a right-to-left letter). */
	indent?: number;
	/** Drawn in the hanging indent before the first line ("1.", "•"). */
	marker?: string | null;
	align?: Align;
	spaceAfter?: number;
	/** Block quote depth: a rule in the margin beside each line. */
	quote?: number;
}

export interface LaidOutBlock {
	lines: TextLine[];
	style: TextStyle;
	options: BlockOptions;
	marker: TextLine | null;
}

export function layoutBlock(frame: Frame, spans: TextSpan[], style: TextStyle, options: BlockOptions): LaidOutBlock {
	const width = contentWidth(frame) - (options.indent ?? 0);
	const lines = layoutText(frame.ctx, spans, style, width);
	const marker = options.marker
		? (layoutText(frame.ctx, [{ text: options.marker }], style, Number.POSITIVE_INFINITY)[0] ?? null)
		: null;
	return { lines, style, options, marker };
}

export function blockHeight(block: LaidOutBlock): number {
	return Math.max(block.lines.length, block.marker ? 1 : 0) * block.options.lineHeight + (block.options.spaceAfter ?? 0);
}

/** Where a line's baseline sits in its line box: the x-height centred in the leading. */
export function baselineIn(lineHeight: number, size: number): number {
	return lineHeight / 2 + size * 0.36;
}

/** Where a block's content goes in the structure: its text, and its marker ("1.") when it has one. */
export interface BlockTags {
	text: StructNode;
	marker?: StructNode;
}

/**
 * How many of a paragraph's remaining lines to set on this page, where `fit` lines
 * still fit: no orphan (its first line alone at the foot of the page) and no widow
 * (its last line alone at the top of the next). 0 means: start on the next page.
 */
export function linesOnPage(remaining: number, fit: number, atTop: boolean): number {
	if (remaining <= fit) return remaining;
	const keepingTwo = Math.min(fit, remaining - 2);
	if (keepingTwo >= 2) return keepingTwo;
	// A page too short for the rule: set what fits rather than loop.
	return atTop ? Math.max(1, fit) : 0;
}

/**
 * Draws a laid-out block line by line, moving to a new page when a line does not
 * fit, with widow and orphan control (linesOnPage).
 */
export function drawBlock(frame: Frame, block: LaidOutBlock, tags: BlockTags): void {
	const { lines, style, options } = block;
	const indent = options.indent ?? 0;
	const rtl = frame.ctx.direction === 'rtl';
	const x = rtl ? frame.left : frame.left + indent;
	const width = contentWidth(frame) - indent;
	const lineCount = Math.max(lines.length, block.marker ? 1 : 0);
	let i = 0;
	while (i < lineCount) {
		// A hair of tolerance: line heights are not exact in binary.
		const fit = Math.floor((spaceLeft(frame) + 0.01) / options.lineHeight);
		const take = linesOnPage(lineCount - i, fit, frame.y <= frame.top);
		for (const end = i + take; i < end; i++) {
			const baseline = frame.y + baselineIn(options.lineHeight, style.size);
			const line = lines[i];
			if (line) markStructured(frame.doc, tags.text, () => drawLine(frame.ctx, line, style, { x, width, baseline, align: options.align }));
			if (i === 0 && block.marker) drawMarker(frame, block.marker, style, indent, baseline, rtl, tags.marker ?? tags.text);
			if (options.quote) drawQuoteRules(frame, options.quote, options.lineHeight, rtl);
			frame.y += options.lineHeight;
		}
		if (i < lineCount) newPage(frame);
	}
	frame.y += options.spaceAfter ?? 0;
}

/** Draws a block as one element of the structure (a paragraph, a heading) under `parent`. */
export function drawTaggedBlock(frame: Frame, block: LaidOutBlock, type: StructType = 'P', parent: StructNode = frame.structure): void {
	const node = addStructElement(frame.doc, parent, type);
	drawBlock(frame, block, { text: node });
	endStructElement(node);
}

const MARKER_GAP = 6;

function drawMarker(frame: Frame, marker: TextLine, style: TextStyle, indent: number, baseline: number, rtl: boolean, tag: StructNode): void {
	const x = rtl ? frame.right - indent + MARKER_GAP : frame.left + indent - MARKER_GAP - marker.width;
	markStructured(frame.doc, tag, () => drawLine(frame.ctx, marker, style, { x, width: marker.width, baseline }));
}

const QUOTE_STEP = 16;

function drawQuoteRules(frame: Frame, depth: number, lineHeight: number, rtl: boolean): void {
	const doc = frame.doc;
	markArtifact(doc, 'Layout', () => {
		doc.save().lineWidth(1.5).strokeColor('#b8bec6');
		for (let level = 0; level < depth; level++) {
			const x = rtl ? frame.right - level * QUOTE_STEP - 2 : frame.left + level * QUOTE_STEP + 2;
			doc.moveTo(x, frame.y).lineTo(x, frame.y + lineHeight).stroke();
		}
		doc.restore();
	});
}

/** The indent of a body paragraph at list depth and quote depth. */
export function bodyIndent(depth: number, quote: number): number {
	return quote * QUOTE_STEP + depth * 22;
}

/** Draws a thin rule across the content width. */
export function drawRule(frame: Frame, y: number, color = '#c9ced4', width = 0.6): void {
	const doc = frame.doc;
	markArtifact(doc, 'Layout', () => doc.save().lineWidth(width).strokeColor(color).moveTo(frame.left, y).lineTo(frame.right, y).stroke().restore());
}
