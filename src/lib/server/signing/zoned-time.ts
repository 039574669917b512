import { dateTimeFormat, isKnownTimeZone } from '$lib/time';

/** Whether the runtime knows an IANA time zone such as "Europe/Stockholm". */
export const isTimeZone = isKnownTimeZone;

function offsetMs(instant: number, timeZone: string): number {
	const parts = dateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall-clock time `local` ("2026-12-01T18:00") occurs in
 * `timeZone`. Two passes settle the offset across daylight-saving changes.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!match) return undefined;
	const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	let instant = wall - offsetMs(wall, timeZone);
	instant = wall - offsetMs(instant, timeZone);
	return Number.isNaN(instant) ? undefined : new Date(instant);
}

/** "1 December 2026, 18:00 (Europe/Stockholm)" for showing a deadline as it was meant. */
export function formatInZone(instant: Date, timeZone: string, locale = 'en-GB'): string {
	const text = dateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(instant);
	return `${text} (${timeZone})`;
}
