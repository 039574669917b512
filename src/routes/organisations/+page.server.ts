import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { countryName } from '$lib/server/organisations/countries';

export const load = (async (event) => {
	const { user } = requireUser(event);
	const organisations = await listMyOrganisations(user.id);
	return {
		emailVerified: user.emailVerified,
		confirmed: event.url.searchParams.has('confirmed'),
		organisations: organisations.map((o) => ({ ...o, countryName: countryName(o.country) }))
	};
}) satisfies PageServerLoad;
