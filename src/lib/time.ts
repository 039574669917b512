import { currentIntlLocale } from '$lib/i18n/locales';

/**
 * Issue 13, point 10: times are shown in the viewer's time zone, and the zone is named.
 * The zone comes from a cookie the browser's JavaScript sets (TimeZoneCookie.svelte);
 * without it the server cannot know, so times say "UTC". Stored times stay UTC (IG4).
 */
export const TIME_ZONE_COOKIE = 'tz';

/*
 * Building an Intl.DateTimeFormat costs tens of microseconds, and a burst of
 * signatures formats a time in every receipt (issue #9 point 8), so formats are
 * kept by locale and options. The key space is small (our locales, the zones the
 * runtime knows, a few option sets); the cap only guards against a flood of odd
 * zone names from the time-zone cookie.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const FORMAT_CACHE_LIMIT = 500;

/** A shared Intl.DateTimeFormat; throws a RangeError for an unknown zone, as the constructor does. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}\u0000${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options);
		if (formats.size >= FORMAT_CACHE_LIMIT) formats.clear();
		formats.set(key, format);
	}
	return format;
}

/** Whether the runtime knows an IANA time zone such as "Europe/Stockholm". */
export function isKnownTimeZone(zone: string): boolean {
	if (zone.length === 0 || zone.length > 64) return false;
	try {
		dateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** "30 Nov 2026, 23:40 (Europe/Berlin)"; an unknown zone falls back to UTC, named as such. */
export function formatDateTime(date: Date | string, timeZone = 'UTC', options: { seconds?: boolean } = {}, locale = currentIntlLocale()): string {
	const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
	const instant = typeof date === 'string' ? new Date(date) : date;
	const time = { hour: '2-digit', minute: '2-digit', second: options.seconds ? '2-digit' : undefined, hourCycle: 'h23', timeZone: zone } as const;
	if (!hasDateNames(locale)) return `${isoDateTime(instant, time)} (${zone})`;
	const format = dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', ...time });
	return `${format.format(instant)} (${zone})`;
}

const dateNames = new Map<string, boolean>();

/*
 * Whether this runtime can write dates in the language. Node carries every language;
 * a browser may not (Debian's Chromium has no Mongolian), and Intl then falls back to
 * English ("Dec 1, 2026") without a word. Such a browser gets the numeric form
 * instead, which reads the same in every language.
 */
function hasDateNames(locale: string): boolean {
	let known = dateNames.get(locale);
	if (known === undefined) {
		const language = locale.split('-')[0]!;
		known = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0;
		dateNames.set(locale, known);
	}
	return known;
}

/** "2026-12-01 18:00", ISO 8601 with a space, in the given zone. */
function isoDateTime(instant: Date, time: Intl.DateTimeFormatOptions): string {
	const parts = dateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...time }).formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	const seconds = time.second ? `:${part('second')}` : '';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}${seconds}`;
}
