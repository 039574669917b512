/*
 * Issue 14: the interface's languages. The message files are messages/{locale}.json and
 * messages/<area>/{locale}.json (Paraglide JS, compiled into src/lib/paraglide). Shared
 * by the server (negotiation, mail, Intl formats) and the browser (the switcher).
 */
import { baseLocale, getLocale, isLocale, locales, type Locale } from '$lib/paraglide/runtime.js';

export { baseLocale, isLocale, locales, type Locale };

/** The cookie the language switcher sets (Paraglide's own name, so its runtime agrees). */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

/** A mail's link carries its reader's language in this query parameter (`?ui=sv`; `?lang=` already names a letter's language on the letter pages). */
export const LINK_LANGUAGE_PARAMETER = 'ui';

/** An absolute or site link that opens in `locale` (issue 14, point 3: links in mail). */
export function linkInLanguage(href: string, locale: Locale): string {
	const url = new URL(href, 'http://relative.invalid');
	url.searchParams.set(LINK_LANGUAGE_PARAMETER, locale);
	return url.origin === 'http://relative.invalid' ? url.pathname + url.search + url.hash : url.href;
}

/** Each language in its own words, for the switcher: a reader finds their language without reading ours. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	mn: 'Монгол',
	ja: '日本語',
	fa: 'فارسی',
	prs: 'دری',
	ru: 'Русский',
	sv: 'Svenska'
};

/** Persian and Dari are written right to left; the others left to right. */
export function localeDirection(locale: Locale): 'ltr' | 'rtl' {
	return locale === 'fa' || locale === 'prs' ? 'rtl' : 'ltr';
}

/** The BCP 47 tag for `lang` and Intl: ICU has no data under "prs", Dari is written as fa-AF. */
export function intlLocale(locale: Locale): string {
	return locale === 'prs' ? 'fa-AF' : locale;
}

/**
 * A language tag (from Accept-Language, a letter's language or a stored preference) as
 * one of our locales, or null: Persian as written in Afghanistan (fa-AF, prs) is Dari,
 * a region or script otherwise falls back to its language (ru-RU → ru, mn-Cyrl → mn).
 */
export function toInterfaceLocale(tag: string): Locale | null {
	const [primary = '', ...rest] = tag.trim().toLowerCase().split(/[-_]/);
	if (primary === 'fa' && rest.includes('af')) return 'prs';
	// Our Mongolian is the Cyrillic script; a reader of the traditional script still reads it.
	return isLocale(primary) ? primary : null;
}

/**
 * The best of our locales for an Accept-Language header, by its q-values (RFC 9110
 * §12.5.4), or null when it names none of them. Malformed parts are skipped.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const wanted = header
		.slice(0, 500)
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const weight = params.find((param) => /^\s*q\s*=/i.test(param));
			return { tag: tag.trim(), q: weight === undefined ? 1 : qValue(weight), index };
		})
		// A malformed weight counts as 0: the part is skipped rather than guessed at.
		.filter(({ tag, q }) => tag !== '' && tag !== '*' && q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of wanted) {
		const locale = toInterfaceLocale(tag);
		if (locale) return locale;
	}
	return null;
}

/** The Intl tag for the page's language right now (British English for English, as the product writes it). */
export function currentIntlLocale(): string {
	const locale = getLocale();
	return locale === 'en' ? 'en-GB' : intlLocale(locale);
}

/** A number in the page's language (Persian digits in Persian and Dari). */
export function formatNumber(value: number | string): string {
	// A page's "no number" ('') stays as it is.
	return typeof value === 'number' ? new Intl.NumberFormat(currentIntlLocale()).format(value) : value;
}

/** A language's name in the page's language ("Swedish", "шведский"); the code itself if Intl has no name. */
export function languageNameInInterface(code: string): string {
	try {
		return new Intl.DisplayNames([currentIntlLocale(), 'en'], { type: 'language', fallback: 'code' }).of(code) ?? code;
	} catch {
		return code;
	}
}

function qValue(param: string): number {
	const value = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(param)?.[1];
	return value === undefined ? 0 : Number(value);
}
