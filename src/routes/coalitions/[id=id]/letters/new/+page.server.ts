import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { LETTER_LANGUAGES, languageName, newLetter } from '$lib/validation/letter';
import { parseForm } from '$lib/validation/form';
import { plainTextToMarkdown } from '$lib/markdown/plain-text-to-markdown';
import { loadCoalitionForCoordinator } from '$lib/server/coalitions/access';
import { createLetter } from '$lib/server/letters/create-letter';
import { errorPage, failForm, requireVerifiedUser } from '$lib/server/http';
import { typedValues } from '$lib/validation/form';

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
	create: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(newLetter, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		const { title, addressees, body, closing, ...settings } = parsed.data;
		let id;
		try {
			({ id } = await createLetter({ actor: user, coalitionId: event.params.id, settings, text: { title, addressees, body, closing } }));
		} catch (err) {
			return failForm(err, form);
		}
		redirect(303, `/letters/${id}`);
	},
	/** Turns a pasted plain-text letter into Markdown in the body field, keeping everything else typed. */
	convert: async (event) => {
		const { user } = requireVerifiedUser(event);
		try {
			await loadCoalitionForCoordinator(event.params.id, user.id);
		} catch (err) {
			return failForm(err);
		}
		const form = await event.request.formData();
		const parsed = parseForm(z.object({ pasted: z.string().max(100_000, 'The pasted text is too long.') }), form);
		const values = typedValues(form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, message: parsed.errors.pasted ?? '' });
		return { errors: {}, values: { ...values, body: plainTextToMarkdown(parsed.data.pasted), pasted: '' }, message: 'Converted: check the text below before you save.' };
	}
} satisfies Actions;
