import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { languageName } from '$lib/validation/letter';
import { getVerificationPage } from '$lib/server/publication/verification-page';
import { findEditionByCode, matchPublishedPdf } from '$lib/server/publication/editions';
import { countryName } from '$lib/server/organisations/countries';
import { errorPage, failForm, queryParam } from '$lib/server/http';

const MAX_UPLOAD = 20 * 1024 * 1024;

export const load = (async ({ params, url }) => {
	try {
		const page = await getVerificationPage(params.code, queryParam(url, 'lang', 'language'));
		const language = page.letter.primaryLanguage;
		return {
			code: params.code,
			coalitionName: page.coalitionName,
			edition: {
				number: page.edition.number,
				letterDate: page.edition.letterDate,
				publishedAt: page.edition.publishedAt,
				signingTextHash: page.edition.signingTextHash,
				auditHeadHash: page.edition.auditHeadHash,
				signatories: page.edition.signatories.map((s) => ({ ...s, countryName: countryName(s.country, language) })),
				signatureRecord: page.edition.signatureRecord
			},
			revision: page.revision,
			safeBodyHtml: page.bodyHtml,
			languages: page.languages.map((code) => ({ code, name: languageName(code) })),
			files: page.files.map((f) => ({ ...f, name: languageName(f.language) })),
			chain: page.chain,
			otherEditions: page.otherEditions
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	/** IG3: compares an uploaded file byte for byte (by SHA-256) with this edition's PDFs. */
	default: async ({ params, request }) => {
		let editionId: string;
		try {
			({ edition: { id: editionId } } = await findEditionByCode(params.code));
		} catch (err) {
			return failForm(err);
		}
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choose the PDF file to check.' });
		if (file.size > MAX_UPLOAD) return fail(400, { message: 'That file is too large to be one of our PDFs.' });
		const { sha256, match } = await matchPublishedPdf(new Uint8Array(await file.arrayBuffer()), editionId);
		if (!match) {
			return { verified: false, sha256, message: 'This file is NOT a published edition of this letter: its bytes differ from every file published here.' };
		}
		return { verified: true, sha256, message: `Genuine: this file is byte for byte the ${languageName(match.language)} PDF of edition ${match.number}.` };
	}
} satisfies Actions;
