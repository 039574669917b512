import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { confirmationNeedsPassword, confirmEmailByToken, findVerificationByToken } from '$lib/server/auth/email-verification';
import { createSession, invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { forgetPendingVerification, readPendingVerification } from '$lib/server/auth/pending-verification';
import { AppError } from '$lib/server/errors';
import { safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';
import { confirmEmailForm } from '$lib/validation/auth';

// CS4: opening the link only shows a button; confirming is a POST, so mail scanners
// that follow links confirm nothing.
export const load = (async ({ params, cookies, locals, url }) => {
	try {
		const verification = await findVerificationByToken(params.token);
		const needsPassword = await confirmationNeedsPassword(verification, {
			pendingVerificationId: readPendingVerification(cookies, url),
			sessionUserId: locals.session?.userId
		});
		return { email: verification.email, needsPassword, problem: null };
	} catch (err) {
		if (err instanceof AppError) return { email: null, needsPassword: false, problem: err.message };
		throw err;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('confirm', confirmEmailForm, async ({ data, event }) => {
		const result = await confirmEmailByToken({
			token: event.params.token,
			newPassword: data.password,
			pendingVerificationId: readPendingVerification(event.cookies, event.url),
			session: event.locals.session
		});
		forgetPendingVerification(event.cookies, event.url);
		if (event.locals.user?.id !== result.userId) {
			if (event.locals.session) await invalidateSession(event.locals.session.id);
			const { token, session } = await createSession(result.userId);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		}
		redirect(303, result.redirectTo === '/' ? '/organisations?confirmed=1' : safeRedirect(result.redirectTo));
	}, { auth: 'anyone' })
} satisfies Actions;
