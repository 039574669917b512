import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { wordDiff, type WordDiffSegment } from '../../src/lib/diff/word-diff';
import WordDiff from '../../src/lib/components/WordDiff.svelte';

const same = (text: string): WordDiffSegment => ({ kind: 'same', text });
const added = (text: string): WordDiffSegment => ({ kind: 'added', text });
const removed = (text: string): WordDiffSegment => ({ kind: 'removed', text });

/** What a reader of the old text saw, and of the new one. */
const beforeOf = (segments: WordDiffSegment[]) => segments.filter((s) => s.kind !== 'added').map((s) => s.text).join('');
const afterOf = (segments: WordDiffSegment[]) => segments.filter((s) => s.kind !== 'removed').map((s) => s.text).join('');

describe('wordDiff', () => {
	it.each([
		['identical texts', 'We ask you to act.', 'We ask you to act.', [same('We ask you to act.')]],
		['both empty', '', '', []],
		['everything added', '', 'We ask.', [added('We ask.')]],
		['everything removed', 'We ask.', '', [removed('We ask.')]],
		['one word added', 'We ask you to act.', 'We ask you to act now.', [same('We ask you to act'), added(' now'), same('.')]],
		['one word removed', 'We strongly ask you.', 'We ask you.', [same('We '), removed('strongly '), same('ask you.')]],
		['one word replaced', 'We ask you.', 'We urge you.', [same('We '), removed('ask'), added('urge'), same(' you.')]],
		[
			'a reworded phrase reads as one change',
			'We call upon the quick governments to act.',
			'We call upon all democratic governments to act.',
			[same('We call upon '), removed('the quick'), added('all democratic'), same(' governments to act.')]
		],
		['punctuation is its own word', 'Act now.', 'Act now!', [same('Act now'), removed('.'), added('!')]],
		['a line break added', 'Respectfully, The undersigned', 'Respectfully,\nThe undersigned', [same('Respectfully,'), removed(' '), added('\n'), same('The undersigned')]],
		['Cyrillic words', 'Мы призываем вас', 'Мы настоятельно призываем вас', [same('Мы '), added('настоятельно '), same('призываем вас')]],
		['Persian words', 'از شما می‌خواهیم', 'از دولت‌ها می‌خواهیم', [same('از '), removed('شما'), added('دولت‌ها'), same(' می‌خواهیم')]]
	])('%s', (_label, before, after, expected) => {
		expect(wordDiff(before, after)).toEqual(expected);
	});

	it.each([
		['We write as organisations of the diaspora.', 'We, the undersigned organisations of the diaspora, write.'],
		['1. Publicly acknowledge the decline.\n2. Raise the protection.', '1. Acknowledge the decline publicly.\n2. Raise the protection of journalists.\n3. Fund monitoring.'],
		['  leading and trailing  ', 'leading  and\ttrailing\n'],
		['a b c d e f', 'f e d c b a'],
		['Мы, организации диаспоры', 'Мы — организации диаспоры и друзья'],
		['x', 'y']
	])('spells both texts exactly: %j → %j', (before, after) => {
		const segments = wordDiff(before, after);
		expect(beforeOf(segments)).toBe(before);
		expect(afterOf(segments)).toBe(after);
		for (const [i, segment] of segments.entries()) {
			expect(segment.text).not.toBe('');
			expect(segment.kind).not.toBe(segments[i - 1]?.kind);
		}
	});
});

describe('WordDiff component', () => {
	const html = (before: string, after: string) => render(WordDiff, { props: { before, after } }).body;

	it('marks additions and removals with ins, del and words a screen reader says', () => {
		const body = html('We ask you.', 'We urge you.');
		expect(body).toContain('<div class="word-diff');
		expect(body).toMatch(/<del[^>]*><span[^>]*>removed:\s<\/span>ask<\/del>/);
		expect(body).toMatch(/<ins[^>]*><span[^>]*>added:\s<\/span>urge<\/ins>/);
		expect(body.indexOf('<del')).toBeLessThan(body.indexOf('<ins'));
	});

	it('keeps the white space and line breaks of the text', () => {
		expect(html('One,\nTwo', 'One,\nTwo  three')).toContain('One,\nTwo');
	});

	it('escapes the text it shows', () => {
		const body = html('<b>old</b>', '<script>alert(1)</script>');
		expect(body).not.toContain('<script');
		expect(body).not.toContain('<b>');
	});
});
