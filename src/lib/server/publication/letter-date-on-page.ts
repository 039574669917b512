import { getLocale } from '$lib/paraglide/runtime.js';
import { currentIntlLocale } from '$lib/i18n/locales';
import { formatLetterDate } from '../pdf/format-letter-date';
import { labelLocale } from '../pdf/pdf-labels';
import type { LetterDateFormat } from '../pdf/types';

/**
 * A letter's date in a sentence of a page (issue 14): as the letter prints it when the
 * page is in the letter's language, so the page and the PDF agree; otherwise in the
 * page's own language, since "dated 1 June 2026" inside a Persian sentence would be
 * an English word in it.
 */
export function letterDateOnPage(date: string, format: LetterDateFormat, letterLanguage: string): string {
	if (labelLocale(letterLanguage) === getLocale()) return formatLetterDate(date, format, letterLanguage);
	const [year, month, day] = date.split('-').map(Number);
	const instant = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
	return new Intl.DateTimeFormat(currentIntlLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}
