import { redirect, type Cookies } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { codeForm } from '$lib/validation/auth';
import { confirmEmailByCode, findPendingVerification, startEmailVerification } from '$lib/server/auth/email-verification';
import { consumeRateLimit, LIMITS } from '$lib/server/auth/rate-limit';
import { createSession, invalidateSession, setSessionCookie, type SessionUser } from '$lib/server/auth/session';
import { forgetPendingVerification, readPendingVerification } from '$lib/server/auth/pending-verification';
import { clientAddress } from '$lib/server/http';
import { AppError } from '$lib/server/errors';
import { linkOrigin, safeRedirect } from '$lib/server/links';
import { formAction, done } from '$lib/server/form-action';
import { emptyForm } from '$lib/validation/form';
import { m } from '$lib/paraglide/messages.js';

async function pendingFor(user: SessionUser | null, cookies: Cookies, url: URL) {
	if (user) {
		const pending = await findPendingVerification(user.id);
		return pending ? { id: pending.id, email: pending.email } : undefined;
	}
	const id = readPendingVerification(cookies, url);
	return id ? { id, email: undefined } : undefined;
}

export const load = (async ({ locals, cookies, url }) => {
	const pending = await pendingFor(locals.user, cookies, url);
	if (locals.user?.emailVerified && !pending) redirect(303, '/account');
	return {
		signedIn: locals.user !== null,
		verified: locals.user?.emailVerified ?? false,
		pendingEmail: pending?.email ?? null,
		hasPending: pending !== undefined
	};
}) satisfies PageServerLoad;

export const actions = {
	confirm: formAction('confirm', codeForm, async ({ data, event }) => {
		const pending = await pendingFor(event.locals.user, event.cookies, event.url);
		if (!pending) throw new AppError('invalid', m.auth_verify_email_nothing_waiting());
		const result = await confirmEmailByCode({
			verificationId: pending.id,
			code: data.code,
			clientAddress: clientAddress(event),
			sessionId: event.locals.session?.id
		});
		forgetPendingVerification(event.cookies, event.url);
		if (event.locals.user?.id !== result.userId) {
			if (event.locals.session) await invalidateSession(event.locals.session.id);
			const { token, session } = await createSession(result.userId);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		}
		redirect(303, result.redirectTo === '/' ? '/organisations?confirmed=1' : safeRedirect(result.redirectTo));
	}, { auth: 'anyone', invalid: () => m.auth_verify_email_invalid() }),
	resend: formAction('resend', emptyForm, async ({ user, event }) => {
		await consumeRateLimit(`mail:account:${user.id}`, LIMITS.mailPerAccount);
		const pending = await findPendingVerification(user.id);
		if (!pending && user.emailVerified) throw new AppError('invalid', m.auth_verify_email_already_confirmed());
		await startEmailVerification({ user, email: pending?.email ?? user.email, redirectTo: pending?.redirectTo ?? '/', origin: linkOrigin(event.url) });
		done(event, 'sent');
	}, { auth: 'user' })
} satisfies Actions;
