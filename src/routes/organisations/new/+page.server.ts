import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationProfile } from '$lib/validation/organisation';
import { createOrganisation } from '$lib/server/organisations/create-organisation';
import { countryOptions } from '$lib/server/organisations/countries';
import { currentIntlLocale } from '$lib/i18n/locales';
import { requireVerifiedUser } from '$lib/server/http';
import { safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';

/** Where to go once the organisation exists: back to the invitation that asked for it, if any (AU9: same-site paths only). */
function returnPath(url: URL): string | null {
	const target = safeRedirect(url.searchParams.get('redirectTo'), '');
	return target === '' ? null : target;
}

export const load = ((event) => {
	requireVerifiedUser(event);
	return { countries: countryOptions(currentIntlLocale()), returning: returnPath(event.url) !== null };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('profile', organisationProfile, async ({ user, data, event }) => {
		const { id } = await createOrganisation({ actor: user, profile: data });
		redirect(303, returnPath(event.url) ?? `/organisations/${id}?created=1`);
	})
} satisfies Actions;
