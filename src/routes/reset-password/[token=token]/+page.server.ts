import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newPasswordForm } from '$lib/validation/auth';
import { findPasswordReset, resetPassword } from '$lib/server/auth/password-reset';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { AppError } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';

export const load = (async ({ params }) => {
	try {
		await findPasswordReset(params.token);
		return { problem: null };
	} catch (err) {
		if (err instanceof AppError) return { problem: err.message };
		throw err;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('reset', newPasswordForm, async ({ data, event }) => {
		const userId = await resetPassword({ token: event.params.token, password: data.password });
		// AU4: every old session is gone; this browser gets a fresh one.
		const { token, session } = await createSession(userId);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, '/account?passwordReset=1');
	}, { auth: 'anyone' })
} satisfies Actions;
