import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newPasswordForm } from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import { findPasswordReset, resetPassword } from '$lib/server/auth/password-reset';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { AppError } from '$lib/server/errors';
import { failForm } from '$lib/server/http';

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
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(newPasswordForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, message: 'Please correct the marked fields.' });
		let userId;
		try {
			userId = await resetPassword({ token: event.params.token, password: parsed.data.password });
		} catch (err) {
			if (err instanceof AppError && err.code === 'invalid') return fail(400, { errors: { password: err.message }, message: err.message });
			return failForm(err);
		}
		// AU4: every old session is gone; this browser gets a fresh one.
		const { token, session } = await createSession(userId);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, '/account?passwordReset=1');
	}
} satisfies Actions;
