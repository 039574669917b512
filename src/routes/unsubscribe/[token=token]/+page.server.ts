import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { findUnsubscribeToken, unsubscribeWithToken } from '$lib/server/mail/unsubscribe';
import { m } from '$lib/paraglide/messages.js';

/** CS4: opening the link (as a mail scanner does) changes nothing; the button below does. */
export const load = (async ({ params }) => {
	const found = await findUnsubscribeToken(params.token);
	if (!found) error(404, m.auth_unsubscribe_not_valid());
	return { unsubscribed: found.unsubscribed };
}) satisfies PageServerLoad;

/**
 * The page's button lands here; it acts on no one's session. A mail provider's RFC 8058
 * one-click POST (body `List-Unsubscribe=One-Click`, no Origin) never gets here: CS1
 * keeps SvelteKit's origin check on, so the mail carries no List-Unsubscribe-Post.
 */
const unsubscribeForm = z.object({
	'List-Unsubscribe': z.string().max(40).optional()
});

export const actions = {
	default: formAction(
		'unsubscribe',
		unsubscribeForm,
		async ({ data, event }) => {
			const source = data['List-Unsubscribe'] === 'One-Click' ? 'one_click' : 'page';
			if (!(await unsubscribeWithToken(event.params.token, source))) throw new AppError('not_found', m.auth_unsubscribe_not_valid());
			return { done: m.auth_unsubscribe_done() };
		},
		{ auth: 'anyone' }
	)
} satisfies Actions;
