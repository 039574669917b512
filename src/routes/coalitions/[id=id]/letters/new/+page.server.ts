import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { LETTER_LANGUAGES, newLetter, pastedLetter } from '$lib/validation/letter';
import { languageNameInInterface } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import { convertPastedLetter } from '$lib/markdown/convert-pasted-letter';
import { loadCoalitionForCoordinator } from '$lib/server/coalitions/access';
import { createLetter } from '$lib/server/letters/create-letter';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

const pastedForm = z.object({ pasted: pastedLetter });

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { coalition } = await loadCoalitionForCoordinator(event.params.id, user.id);
		return { coalition: { id: coalition.id, name: coalition.name }, languages: LETTER_LANGUAGES.map((code) => ({ code, name: languageNameInInterface(code) })) };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	create: formAction('letter', newLetter, async ({ user, data, event }) => {
		const { title, addressees, body, closing, ...settings } = data;
		const { id } = await createLetter({ actor: user, coalitionId: event.params.id, settings, text: { title, addressees, body, closing } });
		redirect(303, `/letters/${id}`);
	}),
	/**
	 * Issue 13, point 3: takes a pasted plain-text letter apart into its fields (title,
	 * addressees, the body as Markdown, closing; the place when the place setting is
	 * empty) and answers with the form filled in and a summary of what went where.
	 * Nothing is stored: the person checks the fields and creates the draft. A field the
	 * letter had no part for keeps what the person typed.
	 */
	convert: formAction('letter', pastedForm, async ({ user, data, values, event }) => {
		await loadCoalitionForCoordinator(event.params.id, user.id);
		const { values: filled, review } = convertPastedLetter(data.pasted, values, { place: true });
		return { values: filled, message: m.letter_paste_converted(), review };
	}, {
		// Read inside the request, so in the visitor's language.
		get invalid() {
			return m.letter_paste_too_long();
		}
	})
} satisfies Actions;
