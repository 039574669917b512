import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationProfile } from '$lib/validation/organisation';
import { createOrganisation } from '$lib/server/organisations/create-organisation';
import { countryOptions } from '$lib/server/organisations/countries';
import { requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

export const load = ((event) => {
	requireVerifiedUser(event);
	return { countries: countryOptions() };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('profile', organisationProfile, async ({ user, data }) => {
		const { id } = await createOrganisation({ actor: user, profile: data });
		redirect(303, `/organisations/${id}?created=1`);
	})
} satisfies Actions;
