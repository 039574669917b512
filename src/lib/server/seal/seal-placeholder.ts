import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { labels, type Locale } from '../pdf/pdf-labels';

/** What the renderer needs to leave room for a seal; see addSealPlaceholder. */
export interface SealPlaceholder {
	/** The seal certificate's holder, printed on the last page and in /Name. */
	name: string;
	/** "Published by <coalition> through <instance>" in the PDF's language: the /Reason a PDF reader's signature panel shows. */
	reason: string;
	/** The same two names, for the sentence the last page prints in the letter's language. */
	publisher: { coalition: string; host: string };
	/** The instance, e.g. its address. */
	location: string;
	/** Where a recipient checks the letter (the verification URL). */
	contactInfo: string;
	/** The signing time written as /M: the publication time, so the bytes stay reproducible. */
	signingTime: Date;
	/** Bytes reserved for the CMS in /Contents. */
	contentsLength: number;
}

/** The line the last page prints about the seal (issue 15, point 5): that it is sealed, by whom, where to check. */
export function sealRow(seal: SealPlaceholder, locale: Locale): [string, { text: string }[]] {
	return [labels.pdf_digital_seal({}, { locale }), [{ text: labels.pdf_seal_text({ name: seal.name, publishedBy: labels.pdf_seal_published_by(seal.publisher, { locale }) }, { locale }) }]];
}

/** The pdfkit internals the placeholder writes into (pdfkit 0.20 has no public API for signature fields). */
interface PdfkitInternals {
	ref(data: object): { end(): void; data: Record<string, unknown> };
	bufferedPageRange(): { start: number; count: number };
	switchToPage(n: number): void;
	page: { annotations: unknown[]; dictionary: unknown };
	_root: { data: Record<string, unknown> };
	_acroform?: { fonts: Record<string, unknown>; defaultFont: string };
}

/**
 * Adds to a pdfkit document, before `end()`, an empty PAdES seal: a signature
 * dictionary (Type Sig, Filter Adobe.PPKLite, SubFilter ETSI.CAdES.detached) whose
 * /ByteRange and /Contents are placeholders @signpdf/signpdf fills in, and which
 * certifies the document (DocMDP, see /Perms in the catalog), an invisible
 * signature field on the last page (zero rectangle, printable and locked, as PDF/A
 * asks) and the AcroForm with SigFlags 3 (signatures exist, append only).
 * Nothing in it is random: the same document gives the same bytes.
 */
export function addSealPlaceholder(doc: object, seal: SealPlaceholder): void {
	const pdf = doc as PdfkitInternals;
	const signature = pdf.ref({
		Type: 'Sig',
		Filter: 'Adobe.PPKLite',
		SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
		ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
		Contents: Buffer.alloc(seal.contentsLength),
		M: seal.signingTime,
		Name: new String(seal.name),
		Reason: new String(seal.reason),
		Location: new String(seal.location),
		ContactInfo: new String(seal.contactInfo),
		// A certification signature (DocMDP, P 2): readers show the file as certified by
		// the instance; recipients may still add their own signatures, and any other
		// change to the letter is reported as one.
		Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: 2, V: '1.2' } }]
	});
	signature.end();
	const range = pdf.bufferedPageRange();
	pdf.switchToPage(range.start + range.count - 1);
	const widget = pdf.ref({
		Type: 'Annot',
		Subtype: 'Widget',
		FT: 'Sig',
		Rect: [0, 0, 0, 0],
		V: signature,
		T: new String('Seal'),
		// Print (4) + Locked (128).
		F: 132,
		P: pdf.page.dictionary
	});
	widget.end();
	pdf.page.annotations.push(widget);
	// pdfkit ends the AcroForm itself at end(); it wants a font table even though a
	// signature field draws no text.
	pdf._acroform = { fonts: {}, defaultFont: 'none' };
	pdf._root.data.AcroForm = pdf.ref({ Type: 'AcroForm', SigFlags: 3, Fields: [widget], DR: { Font: {} } });
	pdf._root.data.Perms = { DocMDP: signature };
}
