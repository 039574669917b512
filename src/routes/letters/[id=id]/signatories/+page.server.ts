import type { PageServerLoad } from './$types';
import { getSignatoryList } from '$lib/server/signatory-lists/get-signatory-list';
import { countryName } from '$lib/server/organisations/countries';
import { errorPage } from '$lib/server/http';
import { verifiedDomainsOf } from '$lib/server/organisations/domain/domain-verification-status';
import { currentIntlLocale } from '$lib/i18n/locales';

export const load = (async (event) => {
	try {
		const list = await getSignatoryList({ letterId: event.params.id, actor: event.locals.user });
		const domains = await verifiedDomainsOf(list.entries.map((e) => e.organisationId));
		// Countries in the interface language; the order (and grouping) stays the letter's.
		const here = currentIntlLocale();
		const view = (e: (typeof list.entries)[number]) => ({
			id: e.signatureId,
			name: e.organisationName,
			countryName: countryName(e.country, here),
			verified: e.verified,
			verifiedDomain: domains.get(e.organisationId) ?? null,
			signerName: e.signerName,
			signerTitle: e.signerTitle,
			statement: e.statement
		});
		return {
			letterId: list.letter.id,
			title: list.title,
			language: list.language,
			isPublic: list.letter.visibility === 'public',
			entries: list.entries.map(view),
			groups: list.groups?.map((g) => ({ country: g.country, countryName: countryName(g.country, here), entries: g.entries.map(view) })) ?? null,
			awaitingCount: list.awaitingCount
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
