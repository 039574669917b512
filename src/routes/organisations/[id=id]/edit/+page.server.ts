import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationProfile } from '$lib/validation/organisation';
import { parseForm } from '$lib/validation/form';
import { loadOrganisationForOwner } from '$lib/server/organisations/access';
import { updateOrganisation } from '$lib/server/organisations/update-organisation';
import { countryOptions } from '$lib/server/organisations/countries';
import { errorPage, failForm, requireVerifiedUser } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { organisation } = await loadOrganisationForOwner(event.params.id, user.id);
		const [first, second] = organisation.otherNames;
		return {
			id: organisation.id,
			countries: countryOptions(),
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
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(organisationProfile, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await updateOrganisation({ actor: user, organisationId: event.params.id, profile: parsed.data });
		} catch (err) {
			return failForm(err, form);
		}
		redirect(303, `/organisations/${event.params.id}`);
	}
} satisfies Actions;
