import { fail, redirect, type Cookies } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { codeForm } from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import { confirmEmailByCode, findPendingVerification, startEmailVerification } from '$lib/server/auth/email-verification';
import { consumeRateLimit, LIMITS } from '$lib/server/auth/rate-limit';
import { createSession, invalidateSession, setSessionCookie, type SessionUser } from '$lib/server/auth/session';
import { forgetPendingVerification, PENDING_COOKIE } from '$lib/server/auth/pending-verification';
import { clientAddress, failForm, requireUser } from '$lib/server/http';
import { linkOrigin, safeRedirect } from '$lib/server/links';

async function pendingFor(user: SessionUser | null, cookies: Cookies) {
	if (user) {
		const pending = await findPendingVerification(user.id);
		return pending ? { id: pending.id, email: pending.email } : undefined;
	}
	const id = cookies.get(PENDING_COOKIE);
	return id && id.length <= 64 ? { id, email: undefined } : undefined;
}

export const load = (async ({ locals, cookies }) => {
	const pending = await pendingFor(locals.user, cookies);
	if (locals.user?.emailVerified && !pending) redirect(303, '/account');
	return {
		signedIn: locals.user !== null,
		verified: locals.user?.emailVerified ?? false,
		pendingEmail: pending?.email ?? null,
		hasPending: pending !== undefined
	};
}) satisfies PageServerLoad;

export const actions = {
	confirm: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(codeForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: {}, message: parsed.errors.code ?? '' });
		const pending = await pendingFor(event.locals.user, event.cookies);
		if (!pending) return fail(400, { errors: {}, values: {}, message: 'There is no confirmation waiting. Sign in to ask for a new code.' });
		let result;
		try {
			result = await confirmEmailByCode({ verificationId: pending.id, code: parsed.data.code, clientAddress: clientAddress(event) });
		} catch (err) {
			return failForm(err);
		}
		forgetPendingVerification(event.cookies);
		if (event.locals.user?.id !== result.userId) {
			if (event.locals.session) await invalidateSession(event.locals.session.id);
			const { token, session } = await createSession(result.userId);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		}
		redirect(303, result.redirectTo === '/' ? '/organisations?confirmed=1' : safeRedirect(result.redirectTo));
	},
	resend: async (event) => {
		const { user } = requireUser(event);
		try {
			await consumeRateLimit(`mail:account:${user.id}`, LIMITS.mailPerAccount);
			const pending = await findPendingVerification(user.id);
			if (!pending && user.emailVerified) return fail(400, { errors: {}, values: {}, message: 'Your address is already confirmed.' });
			await startEmailVerification({
				user,
				email: pending?.email ?? user.email,
				redirectTo: pending?.redirectTo ?? '/',
				origin: linkOrigin(event.url)
			});
		} catch (err) {
			return failForm(err);
		}
		return { sent: true };
	}
} satisfies Actions;
