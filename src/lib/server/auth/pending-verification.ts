import type { Cookies } from '@sveltejs/kit';

/**
 * Which confirmation the browser that signed up is waiting for (an id, not a secret).
 * AU10 trusts it to tell the browser that signed up from any other, so under https it
 * carries the `__Host-` prefix: a sibling subdomain cannot plant one in someone
 * else's browser (which would let a link confirm without choosing a new password).
 */
export const PENDING_COOKIE = 'pending_verification';
const SECURE_PENDING_COOKIE = '__Host-pending_verification';

function cookieName(url: URL): string {
	return url.protocol === 'https:' ? SECURE_PENDING_COOKIE : PENDING_COOKIE;
}

export function rememberPendingVerification(cookies: Cookies, url: URL, id: string): void {
	cookies.set(cookieName(url), id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 2 * 60 * 60
	});
}

export function readPendingVerification(cookies: Cookies, url: URL): string | undefined {
	const id = cookies.get(cookieName(url));
	return id && id.length <= 64 ? id : undefined;
}

export function forgetPendingVerification(cookies: Cookies, url: URL): void {
	cookies.delete(cookieName(url), { path: '/' });
}
