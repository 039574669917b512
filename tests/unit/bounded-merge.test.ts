import { describe, expect, it } from 'vitest';
import { mergeLetterText } from '../../src/lib/server/letters/merge-text';

const letter = (body: string) => ({ title: 'T', addressees: '', closing: '', body });

describe('merging a stale save does bounded work (AV3, issue 11 point 4)', () => {
	it('still merges edits to different words of a long paragraph', () => {
		const base = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');
		const mine = base.replace('word10 ', 'mine10 ');
		const theirs = base.replace('word590 ', 'theirs590 ');
		const outcome = mergeLetterText(letter(base), letter(mine), letter(theirs));
		expect(outcome).toEqual({ clean: true, text: letter(base.replace('word10 ', 'mine10 ').replace('word590 ', 'theirs590 ')) });
	});

	it('answers quickly for long repetitive texts both rewritten, as a conflict to resolve', () => {
		const base = 'a b '.repeat(24_000);
		const started = performance.now();
		const outcome = mergeLetterText(letter(base), letter('b a '.repeat(24_000)), letter('a a b '.repeat(16_000)));
		expect(performance.now() - started).toBeLessThan(2000);
		expect(outcome.clean).toBe(false);
		if (outcome.clean) return;
		expect(outcome.conflicts[0]?.mine.length).toBeGreaterThan(0);
	});

	it('merges line by line when the words are too costly but the lines are not', () => {
		const base = Array.from({ length: 400 }, (_, i) => `${'a b '.repeat(50)}line ${i}\n`).join('');
		const mine = base.replace('line 3\n', 'line three\n');
		const theirs = base.replace('line 390\n', 'line three hundred ninety\n');
		const outcome = mergeLetterText(letter(base), letter(mine), letter(theirs));
		expect(outcome.clean).toBe(true);
		if (outcome.clean) expect(outcome.text.body).toBe(base.replace('line 3\n', 'line three\n').replace('line 390\n', 'line three hundred ninety\n'));
	});
});
