import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationProfile } from '$lib/validation/organisation';
import { parseForm } from '$lib/validation/form';
import { createOrganisation } from '$lib/server/organisations/create-organisation';
import { countryOptions } from '$lib/server/organisations/countries';
import { failForm, requireVerifiedUser } from '$lib/server/http';

export const load = ((event) => {
	requireVerifiedUser(event);
	return { countries: countryOptions() };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(organisationProfile, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		let id;
		try {
			({ id } = await createOrganisation({ actor: user, profile: parsed.data }));
		} catch (err) {
			return failForm(err, form);
		}
		redirect(303, `/organisations/${id}?created=1`);
	}
} satisfies Actions;
