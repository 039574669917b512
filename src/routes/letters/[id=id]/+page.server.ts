import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { commentForm, LETTER_LANGUAGES, languageName } from '$lib/validation/letter';
import { text } from '$lib/validation/text';
import { rowId } from '$lib/validation/form';
import { getLetterPage } from '$lib/server/letters/letter-page';
import { addComment } from '$lib/server/letters/add-comment';
import { deleteComment } from '$lib/server/letters/delete-comment';
import { editComment } from '$lib/server/letters/edit-comment';
import { setCommentResolved } from '$lib/server/letters/set-comment-resolved';
import { errorPage, requireUser, queryParam } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { recordLetterVisit } from '$lib/server/start/drafts-with-news';
import { isCoordinatorRole } from '$lib/server/coalitions/access';
import { m } from '$lib/paraglide/messages.js';

/** A language's name in the interface language. */
const named = (code: string) => languageName(code);
/** formAction reads `invalid` when a form is refused, so a getter gives it in the request's language. */
const refusal = (message: () => string) => ({
	get invalid() {
		return message();
	}
});

const commentId = z.object({ commentId: rowId });
const editForm = commentId.extend({ body: text({ label: () => m.letter_label_comment(), max: 5000, multiline: true }) });

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const page = await getLetterPage({ letterId: event.params.id, actor: user, language: queryParam(event.url, 'lang', 'language') });
		const { letter, coalition, can } = page.access;
		await recordLetterVisit(user.id, letter.id);
		return {
			letter,
			coalition: { id: coalition.coalition.id, name: coalition.coalition.name },
			can,
			// The prominent "Sign" is for people who may sign for one of its organisations.
			maySign: coalition.memberRoles.some((r) => isCoordinatorRole(r.role)),
			me: user.id,
			language: page.language,
			languageName: named(page.language),
			revision: {
				id: page.revision.id,
				number: page.revision.number,
				title: page.revision.title,
				addressees: page.revision.addressees,
				closing: page.revision.closing,
				contentHash: page.revision.contentHash,
				createdAt: page.revision.createdAt
			},
			safeParagraphs: page.bodyParagraphs,
			paragraphs: page.paragraphs.map((p) => ({ index: p.index, excerpt: p.text.slice(0, 80) })),
			primaryLanguage: { code: letter.primaryLanguage, name: named(letter.primaryLanguage) },
			translations: page.translations.map((t) => ({ ...t, name: named(t.language) })),
			newLanguages: LETTER_LANGUAGES.filter((code) => code !== letter.primaryLanguage && !page.translations.some((t) => t.language === code)).map((code) => ({ code, name: named(code) })),
			threads: page.threads,
			saved: queryParam(event.url, 'saved', 'id')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	comment: formAction('comments', commentForm, async ({ user, data, event }) => {
		await addComment({ actor: user, letterId: event.params.id, ...data });
		done(event, 'commentAdded');
	}, refusal(() => m.pub_correct_the_comment())),
	editComment: formAction('comments', editForm, async ({ user, data, event }) => {
		await editComment({ actor: user, letterId: event.params.id, ...data });
		done(event, 'commentChanged');
	}, refusal(() => m.pub_correct_the_comment())),
	deleteComment: formAction('comments', commentId, async ({ user, data, event }) => {
		await deleteComment({ actor: user, letterId: event.params.id, ...data });
		done(event, 'commentDeleted');
	}, {
		get invalid() {
			return m.pub_choose_a_comment();
		},
		confirm: true
	}),
	resolve: formAction('comments', commentId, async ({ user, data, event }) => {
		await setCommentResolved({ actor: user, letterId: event.params.id, ...data, resolved: true });
		done(event, 'threadResolved');
	}, refusal(() => m.pub_choose_a_thread())),
	reopen: formAction('comments', commentId, async ({ user, data, event }) => {
		await setCommentResolved({ actor: user, letterId: event.params.id, ...data, resolved: false });
		done(event, 'threadReopened');
	}, refusal(() => m.pub_choose_a_thread()))
} satisfies Actions;
