import { describe, expect, it } from 'vitest';
import { optionalUrl, text, textProblem } from '../../src/lib/validation/text';

const name = text({ label: 'Name', max: 20 });

describe('text fields (IN1, IN2, IN5)', () => {
	it.each([
		['plain Latin', 'Steppe Circle', 'Steppe Circle'],
		['Mongolian Cyrillic', 'Өвөр Үүрд', 'Өвөр Үүрд'],
		['Japanese', 'モンゴル文化協会', 'モンゴル文化協会'],
		['Dari', 'انجمن صلح', 'انجمن صلح'],
		['Persian with a zero-width non-joiner', 'می\u200Cخواهم', 'می\u200Cخواهم'],
		['decomposed accents become NFC', 'Se\u0301le\u0301nga', 'Sélénga'],
		['surrounding and repeated spaces', '  Two   words ', 'Two words']
	])('accepts %s', (_case, input, expected) => {
		expect(name.parse(input)).toBe(expected);
	});

	it.each([
		['a NUL byte', 'A\u0000B', 'NUL'],
		['a right-to-left override', 'abc\u202Edef', 'direction'],
		['a left-to-right isolate', 'abc\u2066def', 'direction'],
		['a right-to-left mark', 'abc\u200Fdef', 'direction'],
		['a zero-width space', 'ab\u200Bc', 'zero-width'],
		['a zero-width joiner', 'ab\u200Dc', 'zero-width'],
		['a zero-width non-joiner between Latin letters', 'ab\u200Cc', 'zero-width'],
		['a byte-order mark', '\uFEFFabc', 'zero-width'],
		['a bell character', 'ab\u0007c', 'control'],
		['too many characters', 'x'.repeat(21), 'too long'],
		['nothing', '   ', 'required']
	])('refuses %s with a message', (_case, input, message) => {
		const result = name.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toContain(message);
	});

	it('counts characters, not UTF-16 units, against the limit', () => {
		expect(name.parse('🌿'.repeat(20))).toBe('🌿'.repeat(20));
	});

	it('checks length before any pattern runs on a huge input (IN5)', () => {
		const huge = 'a'.repeat(5_000_000);
		const started = performance.now();
		expect(textProblem(huge, { label: 'Name', max: 20 })).toContain('too long');
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('keeps line breaks only in multi-line fields', () => {
		const description = text({ label: 'Description', max: 100, multiline: true });
		expect(description.parse('one\r\ntwo')).toBe('one\ntwo');
		expect(name.safeParse('one\ntwo').success).toBe(true);
		expect(name.parse('one\ntwo')).toBe('one two');
	});
});

describe('web addresses', () => {
	const website = optionalUrl('Website');
	it.each([
		['example.org', 'https://example.org/'],
		['http://example.org/path', 'http://example.org/path'],
		['', null]
	])('accepts %j', (input, expected) => {
		expect(website.parse(input)).toBe(expected);
	});
	it.each(['javascript:alert(1)', 'ftp://example.org', 'not a url', 'localhost'])('refuses %j', (input) => {
		expect(website.safeParse(input).success).toBe(false);
	});
});
