import { json, text, type Handle } from '@sveltejs/kit';

/*
 * CS1: SvelteKit's own origin check (kit.csrf) refuses every cross-site form
 * submission before any hook runs, with no way to make an exception for one route.
 * RFC 8058's one-click unsubscribe needs exactly one: a mail provider POSTs
 * `List-Unsubscribe=One-Click` to the link in the List-Unsubscribe header, with no
 * Origin header (or its own) and no cookies. So svelte.config.js hands the check to
 * this hook, which is the first in the sequence and does what SvelteKit 2.70 does
 * (src/runtime/server/respond.js: the same content types, methods, comparison and
 * answers), except for a POST to /unsubscribe/<token> itself.
 *
 * That exemption is safe because the action there needs no session and uses none:
 * it stops mail to the address the unguessable token names, which anyone holding
 * the link could do directly. A named action (`?/...`) or any other path stays refused.
 */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** The path of a one-click link: a token as unsubscribe.ts makes them, nothing after it. */
const ONE_CLICK_PATH = /^\/unsubscribe\/[a-z2-7]{32}$/;

function isFormContentType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return FORM_CONTENT_TYPES.includes(type);
}

/** RFC 8058 section 3.2: the provider's POST carries the one-click body to the link's own URL. */
export function isOneClickUnsubscribe(request: Request, url: URL): boolean {
	return request.method === 'POST' && url.search === '' && ONE_CLICK_PATH.test(url.pathname);
}

export function isForbiddenCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.includes(request.method) || !isFormContentType(request)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !isOneClickUnsubscribe(request, url);
}

export const handleCrossSiteForms: Handle = async ({ event, resolve }) => {
	const url = new URL(event.request.url);
	if (isForbiddenCrossSiteForm(event.request, url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		if (event.request.headers.get('accept') === 'application/json') return json({ message }, { status: 403 });
		return text(message, { status: 403 });
	}
	return resolve(event);
};
