/*
 * The PDF's own words (headings, the count, "Page X of Y", the verification and
 * signature-record labels, the preview marks) in the letter's language, from the
 * Paraglide messages in messages/{locale}.json. Every call names the locale: a
 * letter is printed in its language, whatever the language of the request.
 *
 * Relative imports, not $lib: the PDF benchmark runs this under plain Node.
 */
import { m } from '../../paraglide/messages.js';
import { baseLocale, isLocale, locales, type Locale } from '../../paraglide/runtime.js';
import type { Direction } from './text-types';

export { m as labels, type Locale };

/** The languages the PDF has labels in; every other language prints English ones. */
export const LABELLED_LANGUAGES: readonly string[] = locales;

/**
 * The label locale for a letter's language (BCP 47): its own when we have its
 * labels, Dari for Persian as written in Afghanistan (fa-AF, as well as prs),
 * otherwise English.
 */
export function labelLocale(language: string): Locale {
	const [primary = '', region = ''] = language.toLowerCase().split(/[-_]/);
	if (primary === 'fa' && region === 'af') return 'prs';
	return isLocale(primary) ? primary : baseLocale;
}

export function hasOwnLabels(language: string): boolean {
	return labelLocale(language) !== baseLocale || language.toLowerCase().split(/[-_]/)[0] === baseLocale;
}

/** Labels in Persian and Dari read right to left; every other set left to right. */
export function labelDirection(locale: Locale): Direction {
	return locale === 'fa' || locale === 'prs' ? 'rtl' : 'ltr';
}

/** Numbers in the labels' own digits (Persian digits in Persian and Dari). */
export function formatLabelNumber(value: number, locale: Locale): string {
	let format = numberFormats.get(locale);
	if (!format) {
		// ICU has no data under "prs"; Dari numbers are written as in fa-AF.
		format = new Intl.NumberFormat(locale === 'prs' ? 'fa-AF' : locale);
		numberFormats.set(locale, format);
	}
	return format.format(value);
}

/** One format per label language (a handful): every page's footer asks twice. */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** "24 organisations", with the language's plural rules (Paraglide's `plural` selector). */
export function signatoryCount(count: number, locale: Locale): string {
	return m.pdf_signatory_count({ count, shown: formatLabelNumber(count, locale) }, { locale });
}

export function pageOf(page: number, pages: number, locale: Locale): string {
	return m.pdf_page_of({ page: formatLabelNumber(page, locale), pages: formatLabelNumber(pages, locale) }, { locale });
}
