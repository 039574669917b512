import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { languageNameInInterface } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import { rowId } from '$lib/validation/form';
import { loadLetter } from '$lib/server/letters/access';
import { findAuthorName, findHeadRevision, findRevision } from '$lib/server/letters/revisions';
import { renderLetterBody } from '$lib/server/letters/render-body';
import { restoreRevision } from '$lib/server/letters/restore-revision';
import { errorPage, requireUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

const restoreForm = z.object({ headRevisionId: rowId });

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const { letter, can } = await loadLetter(event.params.id, user.id);
		const revision = await findRevision(letter.id, event.params.revisionId);
		// AZ5: another letter's revision is as absent as one that does not exist.
		if (!revision) error(404, m.letter_revision_not_found());
		const [head, authorName] = await Promise.all([findHeadRevision(letter.id, revision.language), findAuthorName(revision.authorId)]);
		return {
			letter: { id: letter.id, state: letter.state },
			languageName: languageNameInInterface(revision.language),
			revision: {
				id: revision.id,
				number: revision.number,
				language: revision.language,
				title: revision.title,
				addressees: revision.addressees,
				closing: revision.closing,
				contentHash: revision.contentHash,
				createdAt: revision.createdAt,
				authorName
			},
			safeBodyHtml: renderLetterBody(revision.body),
			head: { id: head!.id, number: head!.number },
			mayRestore: can.edit && letter.state === 'draft'
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	/** Issue 13, point 9: this revision's text again, as a new revision on the head the person saw. */
	restore: formAction('restore', restoreForm, async ({ user, data, event }) => {
		const { status, revision } = await restoreRevision({ actor: user, letterId: event.params.id, revisionId: event.params.revisionId, headRevisionId: data.headRevisionId });
		redirect(303, `/letters/${event.params.id}/history?lang=${revision.language}&done=${status === 'saved' ? 'restored' : 'restoredUnchanged'}&n=${revision.number}`);
	}, {
		confirm: true,
		// Read inside the request, so in the visitor's language.
		get invalid() {
			return m.letter_form_reload();
		}
	})
} satisfies Actions;
