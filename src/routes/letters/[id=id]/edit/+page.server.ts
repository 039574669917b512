import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { draftLanguage, draftText, LETTER_LANGUAGES, languageName, pasteIntoText, saveText } from '$lib/validation/letter';
import { convertPastedLetter } from '$lib/markdown/convert-pasted-letter';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { saveRevision } from '$lib/server/letters/save-revision';
import { errorPage, requireVerifiedUser, queryParam } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';
import { saveDraft } from '$lib/server/letters/save-draft';
import { findDraft } from '$lib/server/letters/find-draft';
import { discardDraft } from '$lib/server/letters/discard-draft';
import { listPreviewRevisions } from '$lib/server/publication/list-preview-revisions';

function pickLanguage(requested: string | null, primary: string): string {
	return requested && (LETTER_LANGUAGES as readonly string[]).includes(requested) ? requested : primary;
}

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('edit', event.params.id, user.id);
		const language = pickLanguage(queryParam(event.url, 'lang', 'language'), letter.primaryLanguage);
		const isTranslation = language !== letter.primaryLanguage;
		const [head, primaryHead, draft] = await Promise.all([
			findHeadRevision(letter.id, language),
			isTranslation ? findHeadRevision(letter.id, letter.primaryLanguage) : undefined,
			findDraft({ userId: user.id, letterId: letter.id, language })
		]);
		// A draft that only repeats the saved text has nothing to restore.
		const unsaved = draft && (!head || (['title', 'addressees', 'body', 'closing'] as const).some((k) => draft[k] !== head[k])) ? draft : null;
		return {
			letter: { id: letter.id, primaryLanguage: letter.primaryLanguage },
			language,
			languageName: languageName(language),
			isTranslation,
			head: head ? { id: head.id, number: head.number, title: head.title, addressees: head.addressees, body: head.body, closing: head.closing } : null,
			source: primaryHead
				? { id: primaryHead.id, number: primaryHead.number, title: primaryHead.title, addressees: primaryHead.addressees, body: primaryHead.body, closing: primaryHead.closing, languageName: languageName(letter.primaryLanguage) }
				: null,
			draft: unsaved
				? { title: unsaved.title, addressees: unsaved.addressees, body: unsaved.body, closing: unsaved.closing, baseRevisionId: unsaved.baseRevisionId, savedAt: unsaved.updatedAt }
				: null,
			translatedFromOlder: Boolean(isTranslation && head && primaryHead && head.sourceRevisionId !== primaryHead.id),
			previewLanguages: (await listPreviewRevisions(letter)).map((r) => ({ code: r.language, name: languageName(r.language) }))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	save: formAction('text', saveText, async ({ user, data, values, event }) => {
		const { title, addressees, body, closing, baseRevisionId, sourceRevisionId, language } = data;
		const outcome = await saveRevision({ actor: user, letterId: event.params.id, language, baseRevisionId, sourceRevisionId, text: { title, addressees, body, closing } });
		if (outcome.status === 'conflict') {
			// Nothing saved: the writer keeps their text, sees the other version's passages,
			// and saving again on the new head stores what they settle on.
			const { head } = outcome;
			const kept: Record<string, string> = { ...values, baseRevisionId: head.id };
			return fail(409, {
				errors: {},
				values: kept,
				message: 'Someone saved changes to the same passages while you were editing. Your text is kept below; compare the passages, adjust your text, and save again.',
				conflict: {
					headNumber: head.number,
					passages: outcome.conflicts,
					theirs: { title: head.title, addressees: head.addressees, body: head.body, closing: head.closing }
				}
			});
		}
		await discardDraft({ actor: user, letterId: event.params.id, language });
		redirect(303, `/letters/${event.params.id}?lang=${language}&saved=${outcome.status}`);
	}, { invalid: 'Please correct the marked fields. Nothing was saved yet.' }),
	/**
	 * Issue 13, point 3: a letter (or a translation) written elsewhere, pasted and split
	 * into the fields; the form comes back filled with a summary of what went where.
	 * Nothing is saved: the person checks the fields, then saves a revision.
	 */
	convert: formAction('text', pasteIntoText, async ({ user, values, data, event }) => {
		await loadLetterFor('edit', event.params.id, user.id);
		const { values: filled, review } = convertPastedLetter(data.pasted, values, { place: false });
		return { values: filled, errors: {}, message: 'Converted: check the text below before you save.', review };
	}, { invalid: 'The pasted text is too long.' }),
	/** Autosave (every few seconds while typing, with JavaScript) and "Keep as draft" (without). */
	draft: formAction('draft', draftText, async ({ user, data, event }) => {
		const { language, baseRevisionId, ...text } = data;
		const { savedAt } = await saveDraft({ actor: user, letterId: event.params.id, language, baseRevisionId, text });
		// A fetch from the editor wants only the time; a plain form comes back to the page.
		if (event.request.headers.get('accept')?.includes('application/json')) return { savedAt: savedAt.toISOString() };
		redirect(303, `/letters/${event.params.id}/edit?lang=${language}&done=draftKept`);
	}),
	discardDraft: formAction('draft', draftLanguage, async ({ user, data, event }) => {
		await discardDraft({ actor: user, letterId: event.params.id, language: data.language });
		redirect(303, `/letters/${event.params.id}/edit?lang=${data.language}&done=draftDiscarded`);
	})
} satisfies Actions;
