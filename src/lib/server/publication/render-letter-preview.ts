import { AppError } from '../errors';
import { loadLetter, type Letter } from '../letters/access';
import { loadSignatoryEntries } from '../signatory-lists/load-signatory-entries';
import { orderSignatories } from '../signatory-lists/order-signatories';
import { renderLetterPdf } from '../pdf/render-letter-pdf';
import type { LetterPreviewInput, PdfSignatory } from '../pdf/types';
import { PRODUCER_VERSION } from './edition-pdf-input';
import { listPreviewRevisions } from './list-preview-revisions';
import { m } from '$lib/paraglide/messages.js';

/**
 * The letter as it would print now (issue 13), for anyone who may read its draft:
 * the same renderer as publication, with the signatory list as it stands (the
 * signatures on the current signing text, through the same privacy mapping and
 * order), marked as a preview and with nothing that could pass for verification.
 * AZ5: for anyone outside the coalition, the answer for a letter that does not exist.
 */
export async function renderLetterPreview(options: {
	actor: { id: string };
	letterId: string;
	/** null: the letter's primary language. */
	language: string | null;
	now?: Date;
}): Promise<{ pdf: Buffer; language: string; title: string }> {
	const { letter, coalition } = await loadLetter(options.letterId, options.actor.id);
	const language = options.language ?? letter.primaryLanguage;
	const revision = (await listPreviewRevisions(letter)).find((r) => r.language === language);
	if (!revision) throw new AppError('not_found', m.sig_error_no_text_in_language());
	const now = options.now ?? new Date();
	const input: LetterPreviewInput = {
		preview: true,
		previewedAt: now,
		language: revision.language,
		title: revision.title,
		addressees: revision.addressees,
		bodyMarkdown: revision.body,
		closing: revision.closing,
		place: letter.place,
		date: letter.letterDate ?? now.toISOString().slice(0, 10),
		dateFormat: letter.dateFormat,
		coalitionName: coalition.coalition.name,
		pageSize: 'A4',
		signatories: await currentSignatories(letter),
		signatureRecord: null,
		producerVersion: PRODUCER_VERSION
	};
	return { pdf: await renderLetterPdf(input), language: revision.language, title: revision.title };
}

/** The signatory list as publishing would freeze it now; a draft has none yet. */
async function currentSignatories(letter: Letter): Promise<PdfSignatory[]> {
	if (!letter.signingTextId) return [];
	const { counting } = await loadSignatoryEntries(letter);
	return orderSignatories(counting, { ordering: letter.ordering, initiatorsFirst: letter.initiatorsFirst, language: letter.primaryLanguage }).map((e) => ({
		organisationName: e.organisationName,
		country: e.country,
		signerName: e.signerName,
		signerTitle: e.signerTitle,
		verified: e.verified
	}));
}
