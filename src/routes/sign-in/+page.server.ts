import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInForm } from '$lib/validation/auth';
import { checkCredentials } from '$lib/server/auth/sign-in';
import { createSession, invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { clientAddress } from '$lib/server/http';
import { safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';
import { hasSecondFactor } from '$lib/server/auth/two-factor';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, reset: url.searchParams.has('reset') };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('signIn', signInForm, async ({ data, event }) => {
		const user = await checkCredentials({ ...data, clientAddress: clientAddress(event) });
		// SE5: a new token at every sign-in; any session this browser had is ended.
		const previous = event.locals.session ?? event.locals.secondFactorPending;
		if (previous) await invalidateSession(previous.id);
		// AU6: with a second factor, the password opens only the page that asks for the code.
		const twoFactorPending = await hasSecondFactor(user.id);
		const { token, session } = await createSession(user.id, { twoFactorPending });
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		if (twoFactorPending) redirect(303, `/sign-in/two-factor?redirectTo=${encodeURIComponent(safeRedirect(data.redirectTo))}`);
		redirect(303, user.emailVerified ? safeRedirect(data.redirectTo) : '/verify-email');
	}, { auth: 'anyone' })
} satisfies Actions;
