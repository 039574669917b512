import type { SealPlaceholder } from '../seal/seal-placeholder';

/** The date formats a coordinator can choose for the letter's place and date line. */
export type LetterDateFormat = 'day_month_year' | 'ordinal' | 'iso' | 'letter_language';

export type PdfPageSize = 'A4' | 'LETTER';

/** One organisation in the signatory list, as the PDF prints it. */
export interface PdfSignatory {
	organisationName: string;
	/** ISO 3166-1 alpha-2; printed as the country's name in the letter's language. */
	country: string;
	/** PR1: null unless the signer chose to make their name public. */
	signerName: string | null;
	/** Printed only together with a public signer name. */
	signerTitle: string | null;
	verified: boolean;
}

/** One row of the optional "Signature record" appendix. */
export interface PdfSignatureRecordRow {
	organisationName: string;
	/** PR1: null prints "withheld". */
	signer: string | null;
	signedAt: Date;
	textHashPrefix: string;
	method: string;
}

/**
 * Everything the published PDF shows, already decided by the caller: the renderer
 * reads no database, clock or settings, so the same input always gives the same
 * bytes (IG4).
 */
export interface LetterPdfInput {
	/** BCP 47 tag of the letter's language (e.g. "en", "mn", "ja", "fa-AF"). */
	language: string;
	title: string;
	/** One addressee per line. */
	addressees: string;
	/** The letter body in the Markdown subset of $lib/markdown/render. */
	bodyMarkdown: string;
	closing: string;
	place: string | null;
	/** YYYY-MM-DD */
	date: string;
	dateFormat: LetterDateFormat;
	coalitionName: string;
	pageSize: PdfPageSize;
	shortId: string;
	verificationUrl: string;
	signingTextHash: string;
	auditHeadHash: string;
	/** The publication time (UTC); also the PDF's creation and modification date. */
	publishedAt: Date;
	/** In the order the coordinator chose. */
	signatories: PdfSignatory[];
	/** null leaves the appendix out. */
	signatureRecord: PdfSignatureRecordRow[] | null;
	/** Printed in the PDF's Producer: "Undersigned <version>". */
	producerVersion: string;
	/** Issue 15: leave room for the instance's seal, and say so on the last page; absent, the PDF is unsealed. */
	seal?: SealPlaceholder;
}

/** What only a published edition has; a preview has none of it, so it can never look verifiable. */
export type PublicationFields = 'shortId' | 'verificationUrl' | 'signingTextHash' | 'auditHeadHash' | 'publishedAt' | 'seal';

/**
 * A preview of the letter (issue 13): the same letter, marked "PREVIEW" on every
 * page, without the verification block, QR code, seal or hashes.
 */
export interface LetterPreviewInput extends Omit<LetterPdfInput, PublicationFields> {
	preview: true;
	/** When the preview was made: its creation date. */
	previewedAt: Date;
}
