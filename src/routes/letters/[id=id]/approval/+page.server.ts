import type { Actions, PageServerLoad } from './$types';
import { languageNameInInterface } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import { approvalAnswerForm, changesAnswerForm } from '$lib/validation/approvals';
import { loadLetter } from '$lib/server/letters/access';
import { findHeadRevision, listLanguageHeads } from '$lib/server/letters/revisions';
import { renderLetterBody } from '$lib/server/letters/render-body';
import { listMyApprovalRequests } from '$lib/server/approvals/list-approvals';
import { approveText } from '$lib/server/approvals/approve-text';
import { requestTextChanges } from '$lib/server/approvals/request-text-changes';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';

/**
 * Issue 13 point 4: an owner or signatory of an organisation asked to approve the
 * text reads exactly that text here and answers; the form carries the text's key, so
 * an answer never applies to a text saved after the page was shown.
 */
export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetter(event.params.id, user.id);
		const [{ text, requests }, head, heads] = await Promise.all([
			listMyApprovalRequests(letter, user.id),
			findHeadRevision(letter.id, letter.primaryLanguage),
			listLanguageHeads(letter.id)
		]);
		return {
			letter: { id: letter.id, state: letter.state },
			textKey: text.key,
			language: letter.primaryLanguage,
			revision: head
				? { number: head.number, title: head.title, addressees: head.addressees, closing: head.closing, createdAt: head.createdAt, safeBodyHtml: renderLetterBody(head.body) }
				: null,
			translations: heads.filter((h) => h.language !== letter.primaryLanguage).map((h) => ({ code: h.language, name: languageNameInInterface(h.language), number: h.number })),
			requests: letter.state === 'draft' ? requests : []
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	approve: formAction('answer', approvalAnswerForm, async ({ user, data, event }) => {
		await approveText({ actor: user, letterId: event.params.id, organisationId: data.organisationId, textKey: data.textKey, origin: linkOrigin(event.url) });
		done(event, 'approved', { id: data.organisationId });
	}),
	requestChanges: formAction('answer', changesAnswerForm, async ({ user, data, event }) => {
		await requestTextChanges({ actor: user, letterId: event.params.id, organisationId: data.organisationId, textKey: data.textKey, note: data.note ?? '', origin: linkOrigin(event.url) });
		done(event, 'changesRequested', { id: data.organisationId });
	}, {
		// Read inside the request, so in the visitor's language.
		get invalid() {
			return m.letter_approval_note_missing();
		}
	})
} satisfies Actions;
