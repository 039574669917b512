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
		if (event.locals.user) headers.set('Cache-Control', 'private, no-store');
	} catch {
		// immutable headers: leave as they are
	}
	return response;
};
