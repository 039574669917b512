import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationProfile } from '$lib/validation/organisation';
import { loadOrganisationForOwner } from '$lib/server/organisations/access';
import { updateOrganisation } from '$lib/server/organisations/update-organisation';
import { countryOptions } from '$lib/server/organisations/countries';
import { currentIntlLocale } from '$lib/i18n/locales';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { organisation } = await loadOrganisationForOwner(event.params.id, user.id);
		const [first, second] = organisation.otherNames;
		return {
			id: organisation.id,
			countries: countryOptions(currentIntlLocale()),
			values: {
				...organisation,
				otherName1: first?.name,
				otherLanguage1: first?.language,
				otherName2: second?.name,
				otherLanguage2: second?.language
			}
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('profile', organisationProfile, async ({ user, data, event }) => {
		await updateOrganisation({ actor: user, organisationId: event.params.id, profile: data });
		redirect(303, `/organisations/${event.params.id}`);
	})
} satisfies Actions;
