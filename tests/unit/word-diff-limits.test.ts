import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { compareWords, MAX_EDITS, type WordDiffSegment } from '../../src/lib/diff/word-diff';
import WordDiff from '../../src/lib/components/WordDiff.svelte';

const beforeOf = (segments: WordDiffSegment[]) => segments.filter((s) => s.kind !== 'added').map((s) => s.text).join('');
const afterOf = (segments: WordDiffSegment[]) => segments.filter((s) => s.kind !== 'removed').map((s) => s.text).join('');

/** A text of about `length` characters in paragraphs of ten words, every word different for each seed. */
export function differentText(length: number, seed: string): string {
	const paragraphs: string[] = [];
	let size = 0;
	for (let p = 0; size < length; p++) {
		const words = Array.from({ length: 10 }, (_, w) => `${seed}${p}x${w}`);
		const paragraph = words.join(' ');
		paragraphs.push(paragraph);
		size += paragraph.length + 2;
	}
	return paragraphs.join('\n\n').slice(0, length);
}

describe('bounded comparison (AV3, issue 11 point 4)', () => {
	it('compares word by word while the edits stay under the limit', () => {
		const before = differentText(99_000, 'a');
		const after = before.replace('a10x3', 'changed');
		// The time limit is the machine's; the edit limit is what this test is about.
		const result = compareWords(before, after, { maxEdits: MAX_EDITS, milliseconds: Infinity });
		expect(result.coarsened).toBeNull();
		expect(result.segments.filter((s) => s.kind !== 'same').map((s) => s.text)).toEqual(['a10x3', 'changed']);
	});

	it('falls back to paragraphs when two long revisions differ throughout, and stays fast', () => {
		const before = differentText(99_000, 'a');
		const after = `${differentText(15_000, 'b')}\n\nshared closing paragraph\n\n${before.slice(15_000)}`;
		const started = performance.now();
		const result = compareWords(before, after);
		const elapsed = performance.now() - started;
		expect(result.coarsened).toBe('paragraphs');
		expect(beforeOf(result.segments)).toBe(before);
		expect(afterOf(result.segments)).toBe(after);
		expect(elapsed).toBeLessThan(1500);
	});

	it('gives up word by word after its time limit, however few the edits', () => {
		const before = differentText(99_000, 'a');
		const result = compareWords(before, before.replace('a10x3', 'changed'), { maxEdits: MAX_EDITS, milliseconds: -1 });
		expect(result.coarsened).toBe('paragraphs');
	});

	it('shows the whole text replaced when even the paragraphs differ too much', () => {
		const before = Array.from({ length: MAX_EDITS * 2 }, (_, i) => `a${i}`).join('\n');
		const after = Array.from({ length: MAX_EDITS * 2 }, (_, i) => `b${i}`).join('\n');
		const result = compareWords(before, after);
		expect(result.coarsened).toBe('whole');
		expect(result.segments).toEqual([
			{ kind: 'removed', text: before },
			{ kind: 'added', text: after }
		]);
	});

	it('tells the reader when the comparison was coarsened', () => {
		const before = differentText(99_000, 'a');
		const after = `${differentText(15_000, 'b')}${before.slice(15_000)}`;
		const { body } = render(WordDiff, { props: { before, after } });
		expect(body).toContain('Compared paragraph by paragraph because the revisions differ too much');
		const small = render(WordDiff, { props: { before: 'We ask.', after: 'We urge.' } });
		expect(small.body).not.toContain('paragraph by paragraph');
	});
});
