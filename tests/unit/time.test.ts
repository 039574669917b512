import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatDateTime, isKnownTimeZone } from '../../src/lib/time';

/*
 * Issue 14 point 5 and issue 9 point 8: times in the reader's language and zone,
 * named; formats built once. A runtime without a language's date names (Debian's
 * Chromium has no Mongolian) writes the numeric form instead of English month names.
 */
const instant = new Date('2026-12-01T17:05:09Z');

describe('formatDateTime', () => {
	it('writes the date in the language and names the zone', () => {
		expect(formatDateTime(instant, 'Europe/Stockholm', {}, 'en-GB')).toBe('1 Dec 2026, 18:05 (Europe/Stockholm)');
		expect(formatDateTime(instant, 'Asia/Ulaanbaatar', {}, 'mn')).toMatch(/^2026 оны 12-р сарын 2 01:05 \(Asia\/Ulaanbaatar\)$/);
		expect(formatDateTime(instant, 'UTC', { seconds: true }, 'ru')).toContain('17:05:09');
	});

	it('falls back to UTC, named, for a zone the runtime does not know', () => {
		expect(formatDateTime(instant, 'Mars/Olympus_Mons', {}, 'en-GB')).toBe('1 Dec 2026, 17:05 (UTC)');
	});

	it('writes the numeric form, never English month names, when the runtime lacks the language', () => {
		// No runtime has date names for Klingon; Intl would fall back to English silently.
		expect(Intl.DateTimeFormat.supportedLocalesOf(['tlh'])).toEqual([]);
		expect(formatDateTime(instant, 'Europe/Stockholm', {}, 'tlh')).toBe('2026-12-01 18:05 (Europe/Stockholm)');
		expect(formatDateTime(instant, 'Asia/Tokyo', { seconds: true }, 'tlh')).toBe('2026-12-02 02:05:09 (Asia/Tokyo)');
	});
});

describe('dateTimeFormat', () => {
	it('hands back one format per locale and options', () => {
		const a = dateTimeFormat('sv', { dateStyle: 'long', timeZone: 'UTC' });
		expect(dateTimeFormat('sv', { dateStyle: 'long', timeZone: 'UTC' })).toBe(a);
		expect(dateTimeFormat('sv', { dateStyle: 'short', timeZone: 'UTC' })).not.toBe(a);
	});

	it('refuses an unknown zone as Intl does, and a flood of odd zones is not kept', () => {
		expect(() => dateTimeFormat('en', { timeZone: 'Nowhere/Atlantis' })).toThrow(RangeError);
		for (let i = 0; i < 1000; i++) expect(isKnownTimeZone(`Nowhere/Place${i}`)).toBe(false);
		expect(isKnownTimeZone('')).toBe(false);
		expect(isKnownTimeZone('x'.repeat(65))).toBe(false);
		expect(isKnownTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
	});
});
