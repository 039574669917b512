import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { secondFactorForm } from '$lib/validation/auth';
import { completeTwoFactorSignIn } from '$lib/server/auth/two-factor-sign-in';
import { setSessionCookie } from '$lib/server/auth/session';
import { clientAddress } from '$lib/server/http';
import { safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';
import { m } from '$lib/paraglide/messages.js';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	if (!locals.secondFactorPending) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`);
	return { redirectTo };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('secondFactor', secondFactorForm, async ({ data, event }) => {
		const { token, session } = await completeTwoFactorSignIn({
			pending: event.locals.secondFactorPending,
			code: data.code,
			clientAddress: clientAddress(event)
		});
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeRedirect(data.redirectTo));
	}, { auth: 'anyone', invalid: () => m.auth_two_factor_sign_in_invalid() })
} satisfies Actions;
