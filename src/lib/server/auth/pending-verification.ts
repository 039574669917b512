import type { Cookies } from '@sveltejs/kit';

/** Which confirmation the browser that signed up is waiting for (an id, not a secret). */
export const PENDING_COOKIE = 'pending_verification';

export function rememberPendingVerification(cookies: Cookies, url: URL, id: string): void {
	cookies.set(PENDING_COOKIE, id, {
		path: '/verify-email',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 2 * 60 * 60
	});
}

export function forgetPendingVerification(cookies: Cookies): void {
	cookies.delete(PENDING_COOKIE, { path: '/verify-email' });
}
