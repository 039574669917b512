import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { formAction } from '$lib/server/form-action';
import { emptyForm } from '$lib/validation/form';

// CS4: signing out changes state, so it is a POST; a GET just goes home.
export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	default: formAction('signOut', emptyForm, async ({ event }) => {
		if (event.locals.session) await invalidateSession(event.locals.session.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/');
	}, { auth: 'anyone' })
} satisfies Actions;
