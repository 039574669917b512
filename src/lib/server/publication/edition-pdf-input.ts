import type { LetterPdfInput } from '../pdf/types';
import type { EditionRecordRow, EditionSignatory, letters } from '../db/schema';
import type { LetterRevision } from '../letters/revisions';

/** The product's version, printed as the PDF's producer. */
export const PRODUCER_VERSION = '0.1.0';

export interface EditionFacts {
	code: string;
	letterDate: string;
	publishedAt: Date;
	signingTextHash: string;
	auditHeadHash: string;
	signatories: EditionSignatory[];
	signatureRecord: EditionRecordRow[];
	pageSize: string;
	includesRecord: boolean;
}

/**
 * Everything one language's PDF shows, from stored facts only: rendering the same
 * edition again gives the same bytes (IG4).
 */
export function editionPdfInput(options: {
	letter: Pick<typeof letters.$inferSelect, 'place' | 'dateFormat'>;
	coalitionName: string;
	revision: Pick<LetterRevision, 'language' | 'title' | 'addressees' | 'body' | 'closing'>;
	edition: EditionFacts;
	origin: string;
}): LetterPdfInput {
	const { edition, revision } = options;
	return {
		language: revision.language,
		title: revision.title,
		addressees: revision.addressees,
		bodyMarkdown: revision.body,
		closing: revision.closing,
		place: options.letter.place,
		date: edition.letterDate,
		dateFormat: options.letter.dateFormat,
		coalitionName: options.coalitionName,
		pageSize: edition.pageSize === 'LETTER' ? 'LETTER' : 'A4',
		shortId: edition.code,
		verificationUrl: `${options.origin}/verify/${edition.code}`,
		signingTextHash: edition.signingTextHash,
		auditHeadHash: edition.auditHeadHash,
		publishedAt: edition.publishedAt,
		signatories: edition.signatories,
		signatureRecord: edition.includesRecord
			? edition.signatureRecord.map((row) => ({ ...row, signedAt: new Date(row.signedAt) }))
			: null,
		producerVersion: PRODUCER_VERSION
	};
}
