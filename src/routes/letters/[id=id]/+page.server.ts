import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { commentForm, LETTER_LANGUAGES, languageName } from '$lib/validation/letter';
import { text } from '$lib/validation/text';
import { parseForm } from '$lib/validation/form';
import { getLetterPage } from '$lib/server/letters/letter-page';
import { addComment, deleteComment, editComment, setCommentResolved } from '$lib/server/letters/comments';
import { errorPage, failForm, requireUser, requireVerifiedUser } from '$lib/server/http';

const commentId = z.object({ commentId: z.string().min(1).max(64) });
const editForm = commentId.extend({ body: text({ label: 'Comment', max: 5000, multiline: true }) });

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const page = await getLetterPage({ letterId: event.params.id, actor: user, language: event.url.searchParams.get('lang') });
		const { letter, coalition, can } = page.access;
		return {
			letter,
			coalition: { id: coalition.coalition.id, name: coalition.coalition.name },
			can,
			me: user.id,
			language: page.language,
			languageName: languageName(page.language),
			revision: {
				id: page.revision.id,
				number: page.revision.number,
				title: page.revision.title,
				addressees: page.revision.addressees,
				closing: page.revision.closing,
				contentHash: page.revision.contentHash,
				createdAt: page.revision.createdAt
			},
			safeBodyHtml: page.bodyHtml,
			paragraphs: page.paragraphs.map((p) => ({ index: p.index, excerpt: p.text.slice(0, 80) })),
			primaryLanguage: { code: letter.primaryLanguage, name: languageName(letter.primaryLanguage) },
			translations: page.translations.map((t) => ({ ...t, name: languageName(t.language) })),
			newLanguages: LETTER_LANGUAGES.filter((code) => code !== letter.primaryLanguage && !page.translations.some((t) => t.language === code)).map((code) => ({ code, name: languageName(code) })),
			threads: page.threads,
			saved: event.url.searchParams.get('saved')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

async function run(action: () => Promise<unknown>, done: string, form?: FormData) {
	try {
		await action();
	} catch (err) {
		return failForm(err, form, { form: 'comments' });
	}
	return { form: 'comments', done };
}

export const actions = {
	comment: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(commentForm, form);
		if (!parsed.ok) return fail(400, { form: 'comments', errors: parsed.errors, values: parsed.values, message: parsed.errors.body ?? 'Please correct the comment.' });
		return run(() => addComment({ actor: user, letterId: event.params.id, ...parsed.data }), 'Your comment was added.', form);
	},
	editComment: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(editForm, form);
		if (!parsed.ok) return fail(400, { form: 'comments', errors: parsed.errors, values: parsed.values, message: parsed.errors.body ?? 'Please correct the comment.' });
		return run(() => editComment({ actor: user, letterId: event.params.id, ...parsed.data }), 'Your comment was changed.', form);
	},
	deleteComment: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(commentId, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'comments', errors: {}, values: {}, message: 'Choose a comment.' });
		return run(() => deleteComment({ actor: user, letterId: event.params.id, ...parsed.data }), 'Your comment was deleted.');
	},
	resolve: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(commentId, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'comments', errors: {}, values: {}, message: 'Choose a thread.' });
		return run(() => setCommentResolved({ actor: user, letterId: event.params.id, ...parsed.data, resolved: true }), 'The thread was resolved.');
	},
	reopen: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(commentId, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'comments', errors: {}, values: {}, message: 'Choose a thread.' });
		return run(() => setCommentResolved({ actor: user, letterId: event.params.id, ...parsed.data, resolved: false }), 'The thread was reopened.');
	}
} satisfies Actions;
