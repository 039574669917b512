import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { LETTER_LANGUAGES, languageName, newLetter } from '$lib/validation/letter';
import { splitPastedLetter } from '$lib/markdown/split-pasted-letter';
import { loadCoalitionForCoordinator } from '$lib/server/coalitions/access';
import { createLetter } from '$lib/server/letters/create-letter';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';
import type { PasteReview } from '$lib/components/paste-review';

/** The first words of the text, cut at a space, for the summary. */
function beginning(text: string, size = 240): string {
	return text.length <= size ? text : `${text.slice(0, size).replace(/\s+\S*$/u, '')} …`;
}

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
	/**
	 * Issue 13, point 3: takes a pasted plain-text letter apart into its fields (title,
	 * addressees, the body as Markdown, closing; the place when the place setting is
	 * empty) and answers with the form filled in and a summary of what went where.
	 * Nothing is stored: the person checks the fields and creates the draft. A field the
	 * letter had no part for keeps what the person typed.
	 */
	convert: formAction('letter', pastedForm, async ({ user, data, values, event }) => {
		await loadCoalitionForCoordinator(event.params.id, user.id);
		const split = splitPastedLetter(data.pasted);
		const filled = { title: split.title, addressees: split.addressees, body: split.body, closing: split.closing, place: values.place ? '' : (split.place ?? '') };
		const kept = Object.fromEntries(Object.entries(filled).filter(([, value]) => value !== ''));
		const review: PasteReview = {
			title: split.title,
			addressees: split.addressees,
			bodyStart: beginning(split.body),
			closing: split.closing,
			dropped: split.dropped,
			place: kept.place,
			notes: split.notes
		};
		return { values: { ...values, ...kept, pasted: '' }, message: 'Converted: check the text below before you save.', review };
	}, { invalid: 'The pasted text is too long.' })
} satisfies Actions;
