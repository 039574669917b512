import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { draftLanguage, draftText, LETTER_LANGUAGES, MAX_CONFLICT_PASSAGES, pasteIntoText, resolveText, saveText } from '$lib/validation/letter';
import { languageNameInInterface as languageName } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import { hasOwnLabels } from '$lib/server/pdf/pdf-labels';
import { convertPastedLetter } from '$lib/markdown/convert-pasted-letter';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { saveRevision } from '$lib/server/letters/save-revision';
import { recomputeConflict, resolveConflict } from '$lib/server/letters/resolve-conflict';
import { describeConflict } from '$lib/server/letters/describe-conflict';
import type { LetterRevision } from '$lib/server/letters/revisions';
import type { LetterText } from '$lib/server/letters/canonical';
import type { Conflict } from '$lib/server/letters/merge-text';
import { AppError } from '$lib/server/errors';
import { errorPage, requireVerifiedUser, queryParam } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';
import { saveDraft } from '$lib/server/letters/save-draft';
import { findDraft } from '$lib/server/letters/find-draft';
import { discardDraft } from '$lib/server/letters/discard-draft';
import { listPreviewRevisions } from '$lib/server/publication/list-preview-revisions';

function pickLanguage(requested: string | null, primary: string): string {
	return requested && (LETTER_LANGUAGES as readonly string[]).includes(requested) ? requested : primary;
}

/*
 * formAction reads `invalid` when a form is refused, inside the request: a getter
 * gives the message in the visitor's language (a plain string here would be English,
 * fixed when this module loads).
 */
const NOT_SAVED = {
	get invalid() {
		return m.letter_form_invalid_not_saved();
	}
};
const PASTE_TOO_LONG = {
	get invalid() {
		return m.letter_paste_too_long();
	}
};

/**
 * Issue 13, point 9: the conflict screen's data. `values` refill the editor (the
 * writer's text, now based on `head`, so saving the form stores a resolution); the
 * passages name who changed each one and when; `mine` and the two revision ids are
 * what the per-passage form posts back for the server to recompute the conflicts.
 */
async function conflictAnswer(status: number, message: string, found: { base: LetterRevision | undefined; head: LetterRevision; conflicts: Conflict[] }, mine: LetterText, values: Record<string, string>) {
	const { base, head } = found;
	const passages = await describeConflict(found);
	const kept: Record<string, string> = { ...values, ...mine, baseRevisionId: head.id };
	return fail(status, {
		errors: {},
		values: kept,
		message,
		conflict: {
			headNumber: head.number,
			headRevisionId: head.id,
			baseRevisionId: base?.id ?? '',
			mine,
			passages: passages.length <= MAX_CONFLICT_PASSAGES ? passages : passages.slice(0, MAX_CONFLICT_PASSAGES),
			tooMany: passages.length > MAX_CONFLICT_PASSAGES,
			theirs: { title: head.title, addressees: head.addressees, body: head.body, closing: head.closing }
		}
	});
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
			previewLanguages: (await listPreviewRevisions(letter)).map((r) => ({ code: r.language, name: languageName(r.language), englishLabels: !hasOwnLabels(r.language) }))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	save: formAction('text', saveText, async ({ user, data, values, event }) => {
		const { title, addressees, body, closing, baseRevisionId, sourceRevisionId, language } = data;
		const outcome = await saveRevision({ actor: user, letterId: event.params.id, language, baseRevisionId, sourceRevisionId, text: { title, addressees, body, closing } });
		// Nothing saved: the writer keeps their text and settles the passages that overlap.
		if (outcome.status === 'conflict') return conflictAnswer(409, m.letter_conflict_message(), outcome, { title, addressees, body, closing }, values);
		await discardDraft({ actor: user, letterId: event.params.id, language });
		redirect(303, `/letters/${event.params.id}?lang=${language}&saved=${outcome.status}`);
	}, NOT_SAVED),
	/**
	 * Issue 13, point 9: the conflict screen's form, one choice per passage, without
	 * JavaScript too. Refused choices bring the same screen back with everything typed;
	 * a save made meanwhile that overlaps again is a new conflict on the new head.
	 */
	resolve: formAction('text', resolveText, async ({ user, data, values, event }) => {
		const { title, addressees, body, closing, baseRevisionId, headRevisionId, sourceRevisionId, language, passages } = data;
		const mine = { title, addressees, body, closing };
		const options = { actor: user, letterId: event.params.id, language, baseRevisionId, headRevisionId, mine };
		let resolved;
		try {
			resolved = await resolveConflict({ ...options, sourceRevisionId, passages });
		} catch (error) {
			if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
			const found = await recomputeConflict(options);
			if (found.conflicts.length === 0) throw error;
			// The same passages again, with the choices and edits as they were posted.
			return conflictAnswer(400, error.message, found, mine, values);
		}
		const { outcome, text } = resolved;
		if (outcome.status === 'conflict') {
			const fresh = Object.fromEntries(Object.entries(values).filter(([k]) => !/^(keep|text|check)-\d+$/.test(k)));
			return conflictAnswer(409, m.letter_conflict_message_again(), outcome, text, fresh);
		}
		await discardDraft({ actor: user, letterId: event.params.id, language });
		redirect(303, `/letters/${event.params.id}?lang=${language}&saved=${outcome.status}`);
	}, NOT_SAVED),
	/**
	 * Issue 13, point 3: a letter (or a translation) written elsewhere, pasted and split
	 * into the fields; the form comes back filled with a summary of what went where.
	 * Nothing is saved: the person checks the fields, then saves a revision.
	 */
	convert: formAction('text', pasteIntoText, async ({ user, values, data, event }) => {
		await loadLetterFor('edit', event.params.id, user.id);
		const { values: filled, review } = convertPastedLetter(data.pasted, values, { place: false });
		return { values: filled, errors: {}, message: m.letter_paste_converted(), review };
	}, PASTE_TOO_LONG),
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
