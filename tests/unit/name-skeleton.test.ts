import { describe, expect, it } from 'vitest';
import { ACCEPTED_NAMES } from '../fixtures/script-names';
import { findNameClashes, namesLookAlike, sameNameKey, skeleton } from '../../src/lib/server/organisations/name-skeleton';

describe('organisation names that look alike (IN3, UTS #39 skeleton)', () => {
	it.each([
		['a Cyrillic О', 'Оrg B', 'Org B'],
		['Cyrillic а, е, о, р, с', 'Сарео', 'Capeo'],
		['Greek Ο and ν', 'Οrg ν', 'Org v'],
		['digit 0 and letter O', 'Org 0ne', 'Org One'],
		['digit 1 and letter l', 'Vo1ksbund', 'Volksbund'],
		['fullwidth letters', 'Ｏｒｇ Ｂ', 'Org B'],
		['Arabic and Persian yeh', 'انجمن علي', 'انجمن علی'],
		['Arabic kaf and Persian keheh', 'انجمن كابل', 'انجمن کابل']
	])('%s look alike', (_case, a, b) => {
		expect(a).not.toBe(b);
		expect(namesLookAlike(a, b)).toBe(true);
	});

	it.each([
		['different Latin names', 'Org B', 'Org C'],
		['a Mongolian name and its Cyrillic spelling', 'ᠮᠣᠩᠭᠣᠯ', 'Монгол'],
		['a Persian name with and without ZWNJ read differently', 'بنیاد هم\u200Cبستگی', 'بنیاد همبستگی خانه']
	])('%s do not', (_case, a, b) => {
		expect(namesLookAlike(a, b)).toBe(false);
	});

	it('keeps every name in the shared table distinct from the others', () => {
		const names = [...new Set(ACCEPTED_NAMES.map((c) => c.name))];
		expect(findNameClashes(names)).toEqual([]);
		for (const name of names) expect(skeleton(name).length).toBeGreaterThan(0);
	});

	it('tells exact duplicates (case and spacing aside) from confusable names', () => {
		expect(sameNameKey('  Org   B ')).toBe(sameNameKey('org b'));
		expect(findNameClashes(['Org B', 'Оrg B', 'ORG  B', 'Other'])).toEqual([
			{ name: 'Оrg B', otherName: 'Org B', kind: 'confusable' },
			{ name: 'ORG  B', otherName: 'Org B', kind: 'same' },
			{ name: 'ORG  B', otherName: 'Оrg B', kind: 'confusable' }
		]);
	});
});
