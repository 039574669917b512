import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { languageName, letterSettings } from '$lib/validation/letter';
import { parseForm } from '$lib/validation/form';
import { loadLetterFor } from '$lib/server/letters/access';
import { updateLetterSettings } from '$lib/server/letters/update-letter-settings';
import { errorPage, failForm, requireVerifiedUser } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		return { letter, primaryLanguageName: languageName(letter.primaryLanguage) };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(letterSettings, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await updateLetterSettings({ actor: user, letterId: event.params.id, settings: parsed.data });
		} catch (err) {
			return failForm(err, form);
		}
		redirect(303, `/letters/${event.params.id}`);
	}
} satisfies Actions;
