import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInForm } from '$lib/validation/auth';
import { checkCredentials } from '$lib/server/auth/sign-in';
import { createSession, invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { clientAddress } from '$lib/server/http';
import { safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, reset: url.searchParams.has('reset') };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('signIn', signInForm, async ({ data, event }) => {
		const user = await checkCredentials({ ...data, clientAddress: clientAddress(event) });
		// SE5: a new token at every sign-in; any session this browser had is ended.
		if (event.locals.session) await invalidateSession(event.locals.session.id);
		const { token, session } = await createSession(user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, user.emailVerified ? safeRedirect(data.redirectTo) : '/verify-email');
	}, { auth: 'anyone' })
} satisfies Actions;
