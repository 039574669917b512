import type { Handle } from '@sveltejs/kit';
import {
	sessionCookieName,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '../auth/session';

/** Reads the session cookie on every request (SE7: nothing is cached between requests). */
export const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName(event.url));
	if (!token || token.length > 100) {
		event.locals.user = null;
		event.locals.session = null;
		event.locals.secondFactorPending = null;
		return resolve(event);
	}
	const { session, user } = await validateSessionToken(token);
	if (session) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	else deleteSessionCookie(event.cookies, event.url);
	// AU6: half-way through a sign-in, the session only reaches the second-factor page.
	const pending = session?.twoFactorPending === true;
	event.locals.user = pending ? null : user;
	event.locals.session = pending ? null : session;
	event.locals.secondFactorPending = pending ? session : null;
	return resolve(event);
};
