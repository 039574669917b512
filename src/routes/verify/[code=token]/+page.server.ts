import type { Actions, PageServerLoad } from './$types';
import { languageName } from '$lib/validation/letter';
import { getVerificationPage } from '$lib/server/publication/verification-page';
import { findEditionByCode, matchPublishedPdf } from '$lib/server/publication/editions';
import { countryName } from '$lib/server/organisations/countries';
import { verifiedDomainsOf } from '$lib/server/organisations/domain/domain-verification-status';
import { errorPage, queryParam } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';
import { AppError } from '$lib/server/errors';
import { emptyForm } from '$lib/validation/form';
import { checkPdfSeal } from '$lib/server/seal/check-pdf-seal';
import { listSealCertificates } from '$lib/server/seal/record-seal-certificate';
import { letterDateOnPage } from '$lib/server/publication/letter-date-on-page';
import { currentIntlLocale, formatNumber } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';

/** A language's name in the visitor's language (the page's words follow the visitor, the letter stays as written). */
const named = (code: string) => languageName(code);

const MAX_UPLOAD = 20 * 1024 * 1024;

export const load = (async ({ params, url }) => {
	try {
		const page = await getVerificationPage(params.code, queryParam(url, 'lang', 'language'));
		const domains = await verifiedDomainsOf(page.edition.signatories.flatMap((s) => (s.organisationId ? [s.organisationId] : [])));
		const language = page.letter.primaryLanguage;
		// The date as the letter prints it ("20 May 2024"), not ISO.
		const dated = (date: string) => letterDateOnPage(date, page.letter.dateFormat, page.revision?.language ?? language);
		return {
			code: params.code,
			coalitionName: page.coalitionName,
			edition: {
				number: page.edition.number,
				letterDate: dated(page.edition.letterDate),
				publishedAt: page.edition.publishedAt,
				signingTextHash: page.edition.signingTextHash,
				auditHeadHash: page.edition.auditHeadHash,
				signatories: page.edition.signatories.map(({ organisationId, ...s }) => ({ ...s, countryName: countryName(s.country, currentIntlLocale()), verifiedDomain: (organisationId && domains.get(organisationId)) || null })),
				signatureRecord: page.edition.signatureRecord
			},
			revision: page.revision,
			safeBodyHtml: page.bodyHtml,
			languages: page.languages.map((code) => ({ code, name: named(code) })),
			files: page.files.map((f) => ({ ...f, name: named(f.language) })),
			chain: page.chain,
			otherEditions: page.otherEditions.map((e) => ({ ...e, letterDate: dated(e.letterDate) })),
			sealCertificates: await listSealCertificates()
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	/** IG3: compares an uploaded file byte for byte (by SHA-256) with this edition's PDFs. Nothing is stored. */
	default: formAction('check', emptyForm, async ({ form, event }) => {
		const { edition } = await findEditionByCode(event.params.code);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) throw new AppError('invalid', m.pub_check_choose_file(), { field: 'file' });
		if (file.size > MAX_UPLOAD) throw new AppError('invalid', m.pub_check_file_too_large(), { field: 'file' });
		const bytes = Buffer.from(await file.arrayBuffer());
		const { sha256, match } = await matchPublishedPdf(bytes, edition.id);
		const seal = await checkPdfSeal(bytes);
		if (!match) {
			return { verified: false, sha256, seal, message: m.pub_check_not_genuine() };
		}
		return { verified: true, sha256, seal, message: m.pub_check_genuine({ language: named(match.language), number: formatNumber(match.number) }) };
	}, { auth: 'anyone' })
} satisfies Actions;
