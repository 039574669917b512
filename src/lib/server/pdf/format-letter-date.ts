import { hasRightToLeft } from './fonts';
import { labelLocale, labels } from './pdf-labels';
import type { LetterDateFormat } from './types';

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function ordinal(day: number): string {
	const teen = day % 100 >= 11 && day % 100 <= 13;
	const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
	return `${day}${suffix}`;
}

/**
 * The letter's date as the coordinator chose to show it. `date` is a calendar day
 * (YYYY-MM-DD), not an instant: it is formatted in UTC so no time zone can move it
 * to the day before.
 *
 * - day_month_year: "20 May 2024" (in a language with its own labels, that
 *   language's Gregorian day, month and year: "20 мая 2024 г.", "20 maj 2024")
 * - ordinal: "The 20th of May, 2024" (English; elsewhere as day_month_year)
 * - iso: "2024-05-20"
 * - letter_language: the language's own long form (`Intl`, e.g. "2024年5月20日",
 *   "2024 оны тавдугаар сарын 20"; Persian and Dari use their solar calendar).
 */
export function formatLetterDate(date: string, format: LetterDateFormat, language: string): string {
	const match = ISO_DATE.exec(date);
	const instant = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
	const check = new Date(instant);
	if (!match || Number.isNaN(instant) || check.toISOString().slice(0, 10) !== date) {
		throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
	}
	const day = check.getUTCDate();
	const month = MONTHS[check.getUTCMonth()];
	const year = check.getUTCFullYear();
	// Issue 14, point 7: in a language with its own labels the written-out forms are
	// that language's day, month and year (Gregorian); "The 20th of" is English only.
	const locale = labelLocale(language);
	if (locale !== 'en' && (format === 'day_month_year' || format === 'ordinal')) {
		return new Intl.DateTimeFormat(locale === 'prs' ? 'fa-AF' : locale, { day: 'numeric', month: 'long', year: 'numeric', calendar: 'gregory', timeZone: 'UTC' }).format(check);
	}
	switch (format) {
		case 'day_month_year':
			return `${day} ${month} ${year}`;
		case 'ordinal':
			return `The ${ordinal(day)} of ${month}, ${year}`;
		case 'iso':
			return date;
		case 'letter_language':
			return new Intl.DateTimeFormat([language, 'en'], { dateStyle: 'long', timeZone: 'UTC' }).format(check);
	}
}

/**
 * "Stockholm, 20 May 2024" in the letter's language ("東京、2024年5月20日",
 * "تهران، ۳۰ اردیبهشت ۱۴۰۳"); after a place the ordinal form reads "the 20th of May, 2024".
 */
export function placeAndDate(place: string | null, formattedDate: string, format: LetterDateFormat, language: string): string {
	const trimmed = place?.trim();
	if (!trimmed) return formattedDate;
	const date = format === 'ordinal' ? formattedDate.replace(/^The /, 'the ') : formattedDate;
	const locale = labelLocale(language);
	// With English labels, a place in Arabic script still takes the Arabic comma.
	if (locale === 'en' && hasRightToLeft(trimmed)) return `${trimmed}، ${date}`;
	return labels.pdf_place_and_date({ place: trimmed, date }, { locale });
}
