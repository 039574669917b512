import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { letterSettings } from '$lib/validation/letter';
import { languageNameInInterface } from '$lib/i18n/locales';
import { loadLetterFor } from '$lib/server/letters/access';
import { updateLetterSettings } from '$lib/server/letters/update-letter-settings';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		return { letter, primaryLanguageName: languageNameInInterface(letter.primaryLanguage) };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('settings', letterSettings, async ({ user, data, event }) => {
		await updateLetterSettings({ actor: user, letterId: event.params.id, settings: data });
		redirect(303, `/letters/${event.params.id}`);
	})
} satisfies Actions;
