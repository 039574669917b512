import type { PageServerLoad } from './$types';
import { languageName } from '$lib/validation/letter';
import { getPublishedLetter } from '$lib/server/publication/public-page';
import { countryName } from '$lib/server/organisations/countries';
import { verifiedDomainsOf } from '$lib/server/organisations/domain/domain-verification-status';
import { errorPage, queryParam } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';
import { letterDateOnPage } from '$lib/server/publication/letter-date-on-page';
import { currentIntlLocale } from '$lib/i18n/locales';

export const load = (async (event) => {
	try {
		const page = await getPublishedLetter({ letterId: event.params.id, actor: event.locals.user, language: queryParam(event.url, 'lang', 'language') });
		const domains = await verifiedDomainsOf(page.edition.signatories.flatMap((s) => (s.organisationId ? [s.organisationId] : [])));
		const language = page.revision.language;
		const origin = linkOrigin(event.url);
		// Issue 13 point 10: the date as the letter prints it ("20 May 2024"), not ISO.
		const dated = (date: string) => letterDateOnPage(date, page.letter.dateFormat, language);
		// Names of languages and countries in the visitor's language; the letter's text and date stay as written.
		const named = (code: string) => languageName(code);
		const text = page.revision.body.replace(/[#*_>[\]()`\\]/g, '').replace(/\s+/g, ' ').trim();
		return {
			isPublic: page.isPublic,
			coalitionName: page.coalitionName,
			url: `${origin}/open-letters/${page.letter.id}`,
			description: text.slice(0, 200) + (text.length > 200 ? '…' : ''),
			revision: { language, title: page.revision.title, addressees: page.revision.addressees, closing: page.revision.closing },
			safeBodyHtml: page.bodyHtml,
			place: page.letter.place,
			edition: {
				number: page.edition.number,
				code: page.edition.code,
				letterDate: dated(page.edition.letterDate),
				signatories: page.edition.signatories.map(({ organisationId, ...s }) => ({ ...s, countryName: countryName(s.country, currentIntlLocale()), verifiedDomain: (organisationId && domains.get(organisationId)) || null }))
			},
			languages: page.languages.map((code) => ({ code, name: named(code) })),
			editions: page.editions.map((e) => ({
				number: e.number,
				code: e.code,
				letterDate: dated(e.letterDate),
				files: e.files.map((f) => ({ id: f.id, name: named(f.language) }))
			}))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
