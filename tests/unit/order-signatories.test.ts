import { describe, expect, it } from 'vitest';
import {
	groupByCountry,
	orderSignatories,
	signatoryLine,
	type SignatoryEntry,
	type SignatoryOrdering
} from '../../src/lib/server/signatory-lists/order-signatories';

let counter = 0;

/** An entry with sensible defaults; ids and times increase with each call. */
function entry(overrides: Partial<SignatoryEntry> = {}): SignatoryEntry {
	counter += 1;
	const id = String(counter).padStart(6, '0');
	return {
		signatureId: `sig-${id}`,
		organisationId: `org-${id}`,
		organisationName: `Organisation ${id}`,
		country: 'MN',
		signedAt: new Date(Date.UTC(2026, 0, 1) + counter * 60_000),
		initiator: false,
		verified: false,
		signerName: null,
		signerTitle: null,
		statement: null,
		...overrides
	};
}

const names = (list: SignatoryEntry[]) => list.map((e) => e.organisationName);
const ids = (list: SignatoryEntry[]) => list.map((e) => e.signatureId);

/** Shuffles deterministically, so a failing case can be reproduced. */
function shuffled<T>(items: T[], seed = 7): T[] {
	const out = [...items];
	let state = seed;
	for (let i = out.length - 1; i > 0; i--) {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		const j = state % (i + 1);
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

function alphabetical(language: string, list: SignatoryEntry[]) {
	return orderSignatories(list, { ordering: 'alphabetical', initiatorsFirst: false, language });
}

describe('alphabetical order follows the letter language', () => {
	it.each([
		['en: diacritics sort with their base letter', 'en', ['Ärzte ohne Grenzen', 'Banana Union', 'Ore Collective', 'Oslo Forum', 'Östra Aid', 'Zeta']],
		['sv: Å, Ä, Ö are letters after Z', 'sv', ['Banana Union', 'Ore Collective', 'Oslo Forum', 'Zeta', 'Åland Fund', 'Ärzte ohne Grenzen', 'Östra Aid']],
		['de: Ö sorts with O', 'de', ['Ärzte ohne Grenzen', 'Banana Union', 'Ore Collective', 'Oslo Forum', 'Östra Aid', 'Zeta']],
		['en: numbers compare as numbers', 'en', ['Group 1', 'Group 2', 'Group 10', 'Group 21', 'Group 100']],
		['en: case does not separate names', 'en', ['alpha', 'Beta', 'charlie', 'Delta']],
		['mn: Mongolian Cyrillic with Ө and Ү', 'mn', ['Оюу Толгой', 'Өвөр Үүрд', 'Пүрэв', 'Уул Ус', 'Үнэн Үг', 'Фото Клуб', 'Хаан']],
		['mn: Ё follows Е', 'mn', ['Ежий', 'Ерөнхий', 'Ёрөөл', 'Ээж']],
		['mn: Cyrillic comes before Latin', 'mn', ['Алтай', 'Өвөр Үүрд', 'Acme', 'Zeta']],
		['en: Latin, then Cyrillic, Arabic script, Japanese', 'en', ['Acme', 'Zeta', 'Алтай', 'انجمن صلح', 'モンゴル文化協会']],
		['ja: Latin, then Japanese, then Cyrillic and Arabic script', 'ja', ['Acme', 'Zeta', 'モンゴル文化協会', 'Алтай', 'انجمن صلح']],
		['ja: kana in gojūon order', 'ja', ['あおい会', 'かえで会', 'さくら会']],
		['fa: Arabic script first, Persian letters in Persian order', 'fa', ['انجمن صلح', 'بنیاد', 'پیوند', 'جامعه', 'چشمه', 'زمین', 'ژاله', 'Acme']],
		['ru: Russian Cyrillic', 'ru', ['Арбат', 'Ёлка', 'Жук', 'Яблоко']]
	])('%s', (_case, language, expected) => {
		const list = shuffled(expected.map((organisationName) => entry({ organisationName })));
		expect(names(alphabetical(language, list))).toEqual(expected);
	});

	it('puts Ö in different places for English and Swedish letters', () => {
		const list = ['Zeta', 'Östra Aid', 'Oslo Forum'].map((organisationName) => entry({ organisationName }));
		expect(names(alphabetical('en', list))).toEqual(['Oslo Forum', 'Östra Aid', 'Zeta']);
		expect(names(alphabetical('sv', list))).toEqual(['Oslo Forum', 'Zeta', 'Östra Aid']);
	});

	it('sorts a regional tag (fa-AF, Dari) by its language', () => {
		const list = ['Acme', 'انجمن صلح'].map((organisationName) => entry({ organisationName }));
		expect(names(alphabetical('fa-AF', list))).toEqual(['انجمن صلح', 'Acme']);
	});

	it('treats composed and decomposed accents alike', () => {
		const composed = entry({ organisationName: 'S\u00e9l\u00e9nga', signedAt: new Date('2026-02-02T00:00:00Z') });
		const decomposed = entry({ organisationName: 'Se\u0301le\u0301nga', signedAt: new Date('2026-02-01T00:00:00Z') });
		// Equal names, so the earlier signature comes first.
		expect(alphabetical('en', [composed, decomposed])).toEqual([decomposed, composed]);
	});
});

describe('ties are broken by signing time, then signature id', () => {
	const at = (iso: string) => new Date(iso);

	it.each([
		[
			'names equal except for case and accents: earlier signature first',
			[
				{ signatureId: 'a', organisationName: 'ACME', signedAt: at('2026-03-03T10:00:00Z') },
				{ signatureId: 'b', organisationName: 'Ácme', signedAt: at('2026-03-01T10:00:00Z') },
				{ signatureId: 'c', organisationName: 'acme', signedAt: at('2026-03-02T10:00:00Z') }
			],
			['b', 'c', 'a']
		],
		[
			'same name and same time: by id',
			[
				{ signatureId: 'z', organisationName: 'Acme', signedAt: at('2026-03-01T10:00:00Z') },
				{ signatureId: 'm', organisationName: 'Acme', signedAt: at('2026-03-01T10:00:00Z') },
				{ signatureId: 'a', organisationName: 'Acme', signedAt: at('2026-03-01T10:00:00Z') }
			],
			['a', 'm', 'z']
		],
		[
			'hiragana and katakana of one name are equal at base strength',
			[
				{ signatureId: 'k', organisationName: 'アオイ', signedAt: at('2026-03-01T10:00:00Z') },
				{ signatureId: 'h', organisationName: 'あおい', signedAt: at('2026-03-02T10:00:00Z') }
			],
			['k', 'h']
		]
	])('%s', (_case, partials, expected) => {
		const list = partials.map((p) => entry(p));
		for (const input of [list, [...list].reverse(), shuffled(list, 3)]) {
			expect(ids(orderSignatories(input, { ordering: 'alphabetical', initiatorsFirst: false, language: 'ja' }))).toEqual(expected);
		}
	});

	it('gives the same order whatever order the input came in', () => {
		const list = Array.from({ length: 40 }, (_, i) =>
			entry({ organisationName: i % 2 ? 'Same' : 'SAME', signedAt: new Date(Date.UTC(2026, 0, 1 + (i % 5))) })
		);
		const orderings: SignatoryOrdering[] = ['alphabetical', 'signing_time', 'country'];
		for (const ordering of orderings) {
			const options = { ordering, initiatorsFirst: false, language: 'en' };
			const first = ids(orderSignatories(list, options));
			expect(ids(orderSignatories([...list].reverse(), options))).toEqual(first);
			expect(ids(orderSignatories(shuffled(list, 11), options))).toEqual(first);
		}
	});
});

describe('signing time order', () => {
	it('orders by time, then id, whatever the names', () => {
		const list = [
			entry({ signatureId: 'c', organisationName: 'Alpha', signedAt: new Date('2026-04-03T00:00:00Z') }),
			entry({ signatureId: 'b', organisationName: 'Zeta', signedAt: new Date('2026-04-01T00:00:00Z') }),
			entry({ signatureId: 'a', organisationName: 'Mid', signedAt: new Date('2026-04-03T00:00:00Z') }),
			entry({ signatureId: 'd', organisationName: 'Beta', signedAt: new Date('2026-04-02T00:00:00Z') })
		];
		expect(ids(orderSignatories(list, { ordering: 'signing_time', initiatorsFirst: false, language: 'en' }))).toEqual(['b', 'd', 'a', 'c']);
	});

	it('keeps the order deterministic even with an unparsable date', () => {
		const list = [
			entry({ signatureId: 'b', signedAt: new Date('nonsense') }),
			entry({ signatureId: 'a', signedAt: new Date('nonsense') })
		];
		expect(ids(orderSignatories(list, { ordering: 'signing_time', initiatorsFirst: false, language: 'en' }))).toEqual(['a', 'b']);
	});
});

describe('country order uses country names in the letter language', () => {
	const codes = ['AF', 'AT', 'DE', 'JP', 'SE', 'US'];

	it.each([
		['en', ['AF', 'AT', 'DE', 'JP', 'SE', 'US']], // Afghanistan, Austria, Germany, Japan, Sweden, United States
		['de', ['AF', 'DE', 'JP', 'AT', 'SE', 'US']], // Afghanistan, Deutschland, Japan, Österreich, Schweden, Vereinigte Staaten
		['sv', ['AF', 'JP', 'SE', 'DE', 'US', 'AT']], // …, Tyskland, USA, Österrike (Ö after Z)
		['mn', ['AT', 'US', 'AF', 'DE', 'SE', 'JP']], // Австри, Америкийн Нэгдсэн Улс, Афганистан, Герман, Швед, Япон
		['ja', ['AF', 'US', 'AT', 'SE', 'DE', 'JP']], // アフガニスタン, アメリカ合衆国, オーストリア, スウェーデン, ドイツ, 日本
		['fa', ['DE', 'AT', 'AF', 'US', 'JP', 'SE']] // آلمان, اتریش, افغانستان, ایالات متحده, ژاپن, سوئد
	])('%s', (language, expected) => {
		const list = shuffled(codes.map((country) => entry({ country })));
		const ordered = orderSignatories(list, { ordering: 'country', initiatorsFirst: false, language });
		expect(ordered.map((e) => e.country)).toEqual(expected);
		expect(groupByCountry(list, language).map((g) => g.country)).toEqual(expected);
	});

	it('orders organisations alphabetically inside a country', () => {
		const list = [
			entry({ country: 'SE', organisationName: 'Östra Aid' }),
			entry({ country: 'DE', organisationName: 'Zeta' }),
			entry({ country: 'SE', organisationName: 'Alpha' }),
			entry({ country: 'DE', organisationName: 'Beta' }),
			entry({ country: 'SE', organisationName: 'Zeta' })
		];
		expect(names(orderSignatories(list, { ordering: 'country', initiatorsFirst: false, language: 'sv' }))).toEqual([
			'Alpha', // Sverige
			'Zeta',
			'Östra Aid',
			'Beta', // Tyskland
			'Zeta'
		]);
	});

	it('is the flattened country grouping', () => {
		const list = shuffled(
			Array.from({ length: 60 }, (_, i) =>
				entry({ country: ['MN', 'DE', 'JP', 'AF', 'SE'][i % 5] as string, organisationName: `Group ${i % 13}` })
			)
		);
		for (const language of ['en', 'mn', 'ja', 'fa']) {
			const flat = groupByCountry(list, language).flatMap((g) => g.entries);
			expect(ids(orderSignatories(list, { ordering: 'country', initiatorsFirst: false, language }))).toEqual(ids(flat));
		}
	});
});

describe('initiators first', () => {
	const list = [
		entry({ signatureId: 's1', organisationName: 'Delta', country: 'DE', initiator: false, signedAt: new Date('2026-05-01T00:00:00Z') }),
		entry({ signatureId: 's2', organisationName: 'Zeta', country: 'AF', initiator: true, signedAt: new Date('2026-05-02T00:00:00Z') }),
		entry({ signatureId: 's3', organisationName: 'Alpha', country: 'MN', initiator: false, signedAt: new Date('2026-05-03T00:00:00Z') }),
		entry({ signatureId: 's4', organisationName: 'Beta', country: 'MN', initiator: true, signedAt: new Date('2026-05-04T00:00:00Z') }),
		entry({ signatureId: 's5', organisationName: 'Charlie', country: 'AF', initiator: false, signedAt: new Date('2026-04-01T00:00:00Z') })
	];

	it.each([
		['alphabetical', true, ['s4', 's2', 's3', 's5', 's1']], // Beta, Zeta | Alpha, Charlie, Delta
		['alphabetical', false, ['s3', 's4', 's5', 's1', 's2']],
		['signing_time', true, ['s2', 's4', 's5', 's1', 's3']],
		['signing_time', false, ['s5', 's1', 's2', 's3', 's4']],
		['country', true, ['s2', 's4', 's5', 's1', 's3']], // Afghanistan, Mongolia | Afghanistan, Germany, Mongolia
		['country', false, ['s5', 's2', 's1', 's3', 's4']]
	] as [SignatoryOrdering, boolean, string[]][])('%s, initiatorsFirst %s', (ordering, initiatorsFirst, expected) => {
		expect(ids(orderSignatories(shuffled(list), { ordering, initiatorsFirst, language: 'en' }))).toEqual(expected);
	});

	it('keeps a list of only initiators or only others in the plain order', () => {
		const initiators = list.map((e) => ({ ...e, initiator: true }));
		expect(ids(orderSignatories(initiators, { ordering: 'alphabetical', initiatorsFirst: true, language: 'en' }))).toEqual(
			ids(orderSignatories(list, { ordering: 'alphabetical', initiatorsFirst: false, language: 'en' }))
		);
	});
});

describe('orderSignatories leaves its input alone', () => {
	it('returns a new array and does not reorder the argument', () => {
		const list = [entry({ organisationName: 'Zeta' }), entry({ organisationName: 'Alpha' })];
		const before = [...list];
		const ordered = orderSignatories(list, { ordering: 'alphabetical', initiatorsFirst: true, language: 'en' });
		expect(list).toEqual(before);
		expect(ordered).not.toBe(list);
		expect(names(ordered)).toEqual(['Alpha', 'Zeta']);
	});

	it('handles an empty list', () => {
		expect(orderSignatories([], { ordering: 'country', initiatorsFirst: true, language: 'mn' })).toEqual([]);
		expect(groupByCountry([], 'mn')).toEqual([]);
	});
});

describe('groupByCountry', () => {
	it('names each group in the letter language and sorts organisations inside it', () => {
		const list = [
			entry({ country: 'MN', organisationName: 'Үнэн Үг' }),
			entry({ country: 'JP', organisationName: 'モンゴル文化協会' }),
			entry({ country: 'MN', organisationName: 'Өвөр Үүрд' }),
			entry({ country: 'MN', organisationName: 'Алтай' }),
			entry({ country: 'DE', organisationName: 'Steppe e.V.' })
		];
		const groups = groupByCountry(list, 'mn');
		expect(groups.map((g) => [g.country, g.countryName, names(g.entries)])).toEqual([
			['DE', 'Герман', ['Steppe e.V.']],
			['MN', 'Монгол', ['Алтай', 'Өвөр Үүрд', 'Үнэн Үг']],
			['JP', 'Япон', ['モンゴル文化協会']]
		]);
		expect(groupByCountry(list, 'en').map((g) => g.countryName)).toEqual(['Germany', 'Japan', 'Mongolia']);
	});

	it('keeps every entry exactly once', () => {
		const list = Array.from({ length: 30 }, (_, i) => entry({ country: ['MN', 'DE', 'JP'][i % 3] as string }));
		const flat = groupByCountry(list, 'en').flatMap((g) => g.entries);
		expect(new Set(ids(flat))).toEqual(new Set(ids(list)));
		expect(flat).toHaveLength(list.length);
	});
});

describe('signatoryLine', () => {
	it.each([
		['en', { organisationName: 'Steppe Circle', country: 'DE' }, 'Steppe Circle, Germany'],
		['de', { organisationName: 'Steppe Circle', country: 'DE' }, 'Steppe Circle, Deutschland'],
		['mn', { organisationName: 'Өвөр Үүрд', country: 'MN' }, 'Өвөр Үүрд, Монгол'],
		['en', { organisationName: 'Өвөр Үүрд', country: 'MN' }, 'Өвөр Үүрд, Mongolia'],
		['ja', { organisationName: 'モンゴル文化協会', country: 'JP' }, 'モンゴル文化協会、日本'],
		['prs', { organisationName: 'انجمن صلح', country: 'AF' }, 'انجمن صلح، افغانستان'],
		['ru', { organisationName: 'Мемориал', country: 'DE' }, 'Мемориал, Германия'],
		['fa', { organisationName: 'انجمن صلح', country: 'AF' }, 'انجمن صلح، افغانستان'],
		['en', { organisationName: 'Ärzte, Pflege & Co.', country: 'AT' }, 'Ärzte, Pflege & Co., Austria']
	])('%s: %o', (language, e, expected) => {
		expect(signatoryLine(entry(e), language)).toBe(expected);
	});

	it('adds no invisible direction marks (IN4 is the renderer’s job)', () => {
		const line = signatoryLine(entry({ organisationName: 'انجمن صلح', country: 'AF' }), 'en');
		expect(line).toBe('انجمن صلح, Afghanistan');
		expect(line).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/);
	});
});

describe('a long list', () => {
	const scripts = [
		(i: number) => `Group ${i}`,
		(i: number) => `Östra ${i}`,
		(i: number) => `Өвөр ${i}`,
		(i: number) => `Үнэн ${i}`,
		(i: number) => `モンゴル ${i}`,
		(i: number) => `انجمن ${i}`
	];
	const countries = ['MN', 'DE', 'JP', 'AF', 'SE', 'US', 'FR', 'KZ'];
	const list = shuffled(
		Array.from({ length: 5_000 }, (_, i) =>
			entry({
				organisationName: (scripts[i % scripts.length] as (i: number) => string)(i % 900),
				country: countries[i % countries.length] as string,
				initiator: i % 97 === 0
			})
		),
		42
	);

	it.each([
		['alphabetical', 'en'],
		['alphabetical', 'mn'],
		['signing_time', 'en'],
		['country', 'ja'],
		['country', 'fa']
	] as [SignatoryOrdering, string][])('sorts 5,000 entries %s in %s', (ordering, language) => {
		const ordered = orderSignatories(list, { ordering, initiatorsFirst: true, language });
		expect(ordered).toHaveLength(5_000);
		expect(new Set(ids(ordered)).size).toBe(5_000);
		const firstOther = ordered.findIndex((e) => !e.initiator);
		expect(ordered.slice(0, firstOther).every((e) => e.initiator)).toBe(true);
		expect(ordered.slice(firstOther).some((e) => e.initiator)).toBe(false);
		if (ordering === 'alphabetical') {
			const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
			for (const part of [ordered.slice(0, firstOther), ordered.slice(firstOther)]) {
				for (let i = 1; i < part.length; i++) {
					const [before, after] = [part[i - 1] as SignatoryEntry, part[i] as SignatoryEntry];
					expect(collator.compare(before.organisationName, after.organisationName)).toBeLessThanOrEqual(0);
				}
			}
		}
	});

	it('groups 5,000 entries by country', () => {
		const groups = groupByCountry(list, 'mn');
		expect(groups).toHaveLength(countries.length);
		expect(groups.reduce((n, g) => n + g.entries.length, 0)).toBe(5_000);
	});
});
