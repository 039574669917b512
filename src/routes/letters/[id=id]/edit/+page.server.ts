import { fail, isHttpError, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LETTER_LANGUAGES, languageName, saveText } from '$lib/validation/letter';
import { parseForm } from '$lib/validation/form';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { saveRevision } from '$lib/server/letters/save-revision';
import { auditRefusedAction } from '$lib/server/form-action';
import { errorPage, failForm, requireVerifiedUser, queryParam } from '$lib/server/http';

function pickLanguage(requested: string | null, primary: string): string {
	return requested && (LETTER_LANGUAGES as readonly string[]).includes(requested) ? requested : primary;
}

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('edit', event.params.id, user.id);
		const language = pickLanguage(queryParam(event.url, 'lang', 'language'), letter.primaryLanguage);
		const isTranslation = language !== letter.primaryLanguage;
		const [head, primaryHead] = await Promise.all([
			findHeadRevision(letter.id, language),
			isTranslation ? findHeadRevision(letter.id, letter.primaryLanguage) : undefined
		]);
		return {
			letter: { id: letter.id, primaryLanguage: letter.primaryLanguage },
			language,
			languageName: languageName(language),
			isTranslation,
			head: head ? { id: head.id, number: head.number, title: head.title, addressees: head.addressees, body: head.body, closing: head.closing } : null,
			source: primaryHead
				? { id: primaryHead.id, number: primaryHead.number, title: primaryHead.title, addressees: primaryHead.addressees, body: primaryHead.body, closing: primaryHead.closing, languageName: languageName(letter.primaryLanguage) }
				: null,
			translatedFromOlder: Boolean(isTranslation && head && primaryHead && head.sourceRevisionId !== primaryHead.id)
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch (err) {
			// As the form-action helper does: SvelteKit's own 413 stays; a body that is not a form is a 400.
			if (isHttpError(err) || (err instanceof Error && typeof (err as { status?: unknown }).status === 'number')) throw err;
			const nothing: Record<string, string> = {};
			return fail(400, { errors: nothing, values: nothing, message: 'The form could not be read. Reload the page and try again.' });
		}
		const parsed = parseForm(saveText, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields. Nothing was saved yet.' });
		const { title, addressees, body, closing, baseRevisionId, sourceRevisionId, language } = parsed.data;
		let outcome;
		try {
			outcome = await saveRevision({
				actor: user,
				letterId: event.params.id,
				language,
				baseRevisionId,
				sourceRevisionId,
				text: { title, addressees, body, closing }
			});
		} catch (err) {
			await auditRefusedAction(event, user.id, err);
			return failForm(err, form);
		}
		if (outcome.status === 'conflict') {
			// Nothing saved: the writer keeps their text, sees the other version's passages,
			// and saving again on the new head stores what they settle on.
			const { head } = outcome;
			return fail(409, {
				errors: {},
				values: { ...parsed.values, baseRevisionId: head.id },
				message: 'Someone saved changes to the same passages while you were editing. Your text is kept below; compare the passages, adjust your text, and save again.',
				conflict: {
					headNumber: head.number,
					passages: outcome.conflicts,
					theirs: { title: head.title, addressees: head.addressees, body: head.body, closing: head.closing }
				}
			});
		}
		redirect(303, `/letters/${event.params.id}?lang=${language}&saved=${outcome.status}`);
	}
} satisfies Actions;
