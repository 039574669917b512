import type { Handle } from '@sveltejs/kit';

/** XS4: the headers CSP (set by SvelteKit's csp option) does not cover. */
export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	// Responses from fetch() can have immutable headers; those are not ours to change.
	try {
		headers.set('X-Content-Type-Options', 'nosniff');
		headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
		headers.set('X-Frame-Options', 'DENY');
		headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
		// SE6: once a browser has seen the site over https it never tries plain http
		// (two years, as the HSTS preload list asks; RFC 6797). Not sent over http,
		// where browsers ignore it anyway.
		if (event.url.protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
		if (event.locals.user) headers.set('Cache-Control', 'private, no-store');
	} catch {
		// immutable headers: leave as they are
	}
	return response;
};
