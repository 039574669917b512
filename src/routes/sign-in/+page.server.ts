import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInForm } from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import { checkCredentials } from '$lib/server/auth/sign-in';
import { createSession, invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { clientAddress, failForm } from '$lib/server/http';
import { safeRedirect } from '$lib/server/links';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, reset: url.searchParams.has('reset') };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(signInForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		let user;
		try {
			user = await checkCredentials({ ...parsed.data, clientAddress: clientAddress(event) });
		} catch (err) {
			return failForm(err, form);
		}
		// SE5: a new token at every sign-in; any session this browser had is ended.
		if (event.locals.session) await invalidateSession(event.locals.session.id);
		const { token, session } = await createSession(user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		const target = safeRedirect(parsed.data.redirectTo);
		redirect(303, user.emailVerified ? target : '/verify-email');
	}
} satisfies Actions;
