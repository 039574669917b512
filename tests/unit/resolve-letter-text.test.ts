import { describe, expect, it } from 'vitest';
import { mergeLetterText, resolveLetterText } from '../../src/lib/server/letters/merge-text';

const base = { title: 'On water', addressees: 'To the Minister', body: 'We ask you to act now on water rights.\n\nThe herders have waited.', closing: 'Respectfully,' };
const mine = { ...base, title: 'On water rights', body: base.body.replace('act now', 'act today'), closing: 'With respect,' };
const theirs = { ...base, addressees: 'To the Minister of Environment', body: base.body.replace('act now', 'act this week').replace('waited.', 'waited long enough.'), closing: 'Sincerely,' };

describe('resolveLetterText settles each conflict and merges the rest', () => {
	const outcome = mergeLetterText(base, mine, theirs);
	const conflicts = outcome.clean ? [] : outcome.conflicts;

	it('finds one conflict in the body and one in the closing', () => {
		expect(conflicts.map((c) => c.field)).toEqual(['body', 'closing']);
	});

	const cases: { name: string; passages: string[]; body: string; closing: string }[] = [
		{ name: 'mine', passages: ['today ', 'With respect,'], body: 'act today on', closing: 'With respect,' },
		{ name: 'theirs', passages: ['this week ', 'Sincerely,'], body: 'act this week on', closing: 'Sincerely,' },
		{ name: 'an edit', passages: ['today and this week ', 'Yours,'], body: 'act today and this week on', closing: 'Yours,' }
	];
	for (const c of cases) {
		it(`with ${c.name}: the chosen passages, and both sides' other changes`, () => {
			const text = resolveLetterText(base, mine, theirs, c.passages);
			expect(text.body).toContain(c.body);
			expect(text.body).toContain('waited long enough.');
			expect(text.closing).toBe(c.closing);
			expect(text.title).toBe('On water rights');
			expect(text.addressees).toBe('To the Minister of Environment');
		});
	}

	it('refuses a number of passages that is not the number of conflicts', () => {
		expect(() => resolveLetterText(base, mine, theirs, ['today '])).toThrow();
		expect(() => resolveLetterText(base, mine, theirs, ['a', 'b', 'c'])).toThrow();
	});
});
