/*
 * The tagged structure of the letter (ISO 32000-1, 14.7 and 14.8): a Document with
 * headings, paragraphs, lists (the numbered demands, the signatory list), a table
 * for the signature record; page furniture (footers, rules) is an Artifact. Screen
 * readers and tag-aware extractors read the letter in this order, whatever the
 * page layout: the second column of the signatory list comes after the first, not
 * line by line beside it.
 *
 * Content is marked line by line, so a paragraph can continue on the next page and
 * no marked sequence is ever open across a page break.
 *
 * Not yet tagged: link annotations (PDF/UA wants each in a Link element with an
 * OBJR); their text is part of the paragraph they are in. PDF/A-2b does not ask
 * for either.
 */

export type StructType =
	| 'Document'
	| 'Sect'
	| 'H1'
	| 'H2'
	| 'H3'
	| 'H4'
	| 'H5'
	| 'H6'
	| 'P'
	| 'L'
	| 'LI'
	| 'Lbl'
	| 'LBody'
	| 'BlockQuote'
	| 'Table'
	| 'TR'
	| 'TH'
	| 'TD'
	| 'Figure';

export interface StructNode {
	type: StructType;
	element: PDFKit.PDFStructureElement;
}

export function createStructureRoot(doc: PDFKit.PDFDocument): StructNode {
	const element = doc.struct('Document');
	doc.addStructure(element);
	return { type: 'Document', element };
}

export function addStructElement(
	doc: PDFKit.PDFDocument,
	parent: StructNode,
	type: StructType,
	options: { alt?: string; lang?: string } = {}
): StructNode {
	const element = doc.struct(type, options);
	parent.element.add(element);
	return { type, element };
}

/** Ends an element whose content is all drawn, so pdfkit can write it out now. */
export function endStructElement(node: StructNode): void {
	node.element.end();
}

/** Draws content as part of `node`, in the order of the structure. */
export function markStructured<T>(doc: PDFKit.PDFDocument, node: StructNode, draw: () => T): T {
	const content = doc.markStructureContent(node.type);
	try {
		return draw();
	} finally {
		doc.endMarkedContent();
		node.element.add(content);
	}
}

/** Draws page furniture (rules, footers) that is not part of the letter's text. */
export function markArtifact<T>(doc: PDFKit.PDFDocument, type: 'Layout' | 'Pagination', draw: () => T): T {
	doc.markContent('Artifact', { type });
	try {
		return draw();
	} finally {
		doc.endMarkedContent();
	}
}
