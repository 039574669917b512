import { currentIntlLocale } from '$lib/i18n/locales';

/**
 * Issue 13, point 10: times are shown in the viewer's time zone, and the zone is named.
 * The zone comes from a cookie the browser's JavaScript sets (TimeZoneCookie.svelte);
 * without it the server cannot know, so times say "UTC". Stored times stay UTC (IG4).
 */
export const TIME_ZONE_COOKIE = 'tz';

/** Whether the runtime knows an IANA time zone such as "Europe/Stockholm". */
export function isKnownTimeZone(zone: string): boolean {
	if (zone.length === 0 || zone.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** "30 Nov 2026, 23:40 (Europe/Berlin)"; an unknown zone falls back to UTC, named as such. */
export function formatDateTime(date: Date | string, timeZone = 'UTC', options: { seconds?: boolean } = {}, locale = currentIntlLocale()): string {
	const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
	const format = new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		second: options.seconds ? '2-digit' : undefined,
		hourCycle: 'h23',
		timeZone: zone
	});
	return `${format.format(typeof date === 'string' ? new Date(date) : date)} (${zone})`;
}
