import { describe, expect, it } from 'vitest';
import { ACCEPTED_NAMES, REFUSED_NAMES } from '../fixtures/script-names';
import { findInvisibleCharacter } from '../../src/lib/validation/invisible-characters';
import { text } from '../../src/lib/validation/text';

const name = text({ label: 'Name', max: 200 });

describe('names in every script (IN2, issue 12)', () => {
	it.each(ACCEPTED_NAMES.map((c) => [`${c.script}: ${c.note}`, c.name]))('accepts %s', (_case, input) => {
		expect(findInvisibleCharacter(input)).toBeUndefined();
		expect(name.parse(input)).toBe(input.normalize('NFC'));
	});

	it.each(REFUSED_NAMES.map((c) => [`${c.script}: ${c.note}`, c.name, c.codePoint]))('refuses %s, naming the character', (_case, input, codePoint) => {
		expect(findInvisibleCharacter(input)?.codePoint).toBe(codePoint);
		const result = name.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toContain(codePoint);
	});

	it('accepts the same invisible characters in a multi-line text, where a script needs them', () => {
		const body = text({ label: 'Text', max: 10_000, multiline: true });
		expect(body.parse(ACCEPTED_NAMES.map((c) => c.name).join('\n'))).toContain('ශ්\u200Dරී');
	});

	it('walks a long text in linear time', () => {
		const long = 'می\u200Cخواهیم '.repeat(9000);
		const started = performance.now();
		expect(findInvisibleCharacter(long)).toBeUndefined();
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
