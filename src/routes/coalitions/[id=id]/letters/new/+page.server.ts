import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { LETTER_LANGUAGES, languageName, newLetter } from '$lib/validation/letter';
import { plainTextToMarkdown } from '$lib/markdown/plain-text-to-markdown';
import { loadCoalitionForCoordinator } from '$lib/server/coalitions/access';
import { createLetter } from '$lib/server/letters/create-letter';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

const pastedForm = z.object({ pasted: z.string().max(100_000, 'The pasted text is too long.') });

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { coalition } = await loadCoalitionForCoordinator(event.params.id, user.id);
		return { coalition: { id: coalition.id, name: coalition.name }, languages: LETTER_LANGUAGES.map((code) => ({ code, name: languageName(code) })) };
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
	/** Turns a pasted plain-text letter into Markdown in the body field, keeping everything else typed; nothing is stored. */
	convert: formAction('letter', pastedForm, async ({ user, data, values, event }) => {
		await loadCoalitionForCoordinator(event.params.id, user.id);
		return { values: { ...values, body: plainTextToMarkdown(data.pasted), pasted: '' }, message: 'Converted: check the text below before you save.' };
	}, { invalid: 'The pasted text is too long.' })
} satisfies Actions;
