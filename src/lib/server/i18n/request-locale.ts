/*
 * Issue 14, point 3: the language a page is shown in. A signed-in person's saved choice,
 * else the language a mail's link carries (`?ui=`, kept in the cookie from then on),
 * else the switcher's cookie, else the browser's Accept-Language, else English. Public
 * pages (a letter, a verification) follow the visitor like every other page.
 *
 * Paraglide's `m.*()` read the locale through getLocale(); on the server it is the
 * request's, kept in an AsyncLocalStorage so concurrent requests never mix languages.
 * Outside a request (tests, the outbox worker) it is English unless a call names one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies, Handle } from '@sveltejs/kit';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import {
	baseLocale,
	intlLocale,
	isLocale,
	localeDirection,
	LINK_LANGUAGE_PARAMETER,
	LOCALE_COOKIE,
	negotiateLocale,
	type Locale
} from '$lib/i18n/locales';

const requestLocale = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => requestLocale.getStore() ?? baseLocale);

/** Runs `work` with `locale` as the language of every message it reads (mail rendered for its reader). */
export function withLocale<T>(locale: Locale, work: () => T): T {
	return requestLocale.run(locale, work);
}

export function chooseLocale(input: {
	preference: string | null | undefined;
	link?: string | null;
	cookie: string | undefined;
	acceptLanguage: string | null;
}): Locale {
	if (input.preference && isLocale(input.preference)) return input.preference;
	if (input.link && isLocale(input.link)) return input.link;
	if (input.cookie && isLocale(input.cookie)) return input.cookie;
	return negotiateLocale(input.acceptLanguage) ?? baseLocale;
}

export function setLocaleCookie(cookies: Cookies, locale: Locale, secure: boolean): void {
	cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 400 * 24 * 60 * 60, sameSite: 'lax', httpOnly: true, secure });
}

/** After handleSession: picks the language, runs the request in it, and writes it into <html lang dir>. */
export const handleLocale: Handle = ({ event, resolve }) => {
	const link = event.url.searchParams.get(LINK_LANGUAGE_PARAMETER);
	const cookie = event.cookies.get(LOCALE_COOKIE);
	const locale = chooseLocale({
		preference: event.locals.user?.locale,
		link,
		cookie,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	// A mail's link chose the language: the pages after it keep it.
	if (link && isLocale(link) && link !== cookie && !event.locals.user?.locale) setLocaleCookie(event.cookies, link, event.url.protocol === 'https:');
	event.locals.locale = locale;
	let written = false;
	return requestLocale.run(locale, () =>
		resolve(event, {
			// %lang% and %dir% sit in app.html's first chunk; later chunks are the page, left alone.
			transformPageChunk: ({ html }) => {
				if (written) return html;
				written = true;
				return html.replace('%lang%', intlLocale(locale)).replace('%dir%', localeDirection(locale));
			}
		})
	);
};
