import { describe, expect, it } from 'vitest';
import type { SignatoryEntry } from '../../src/lib/server/signatory-lists/order-signatories';
import { signatoriesToCsv } from '../../src/lib/server/signatory-lists/signatories-to-csv';

const HEADER = ['Organisation', 'Country', 'Country code', 'Signed at (UTC)', 'Verified', 'Initiator', 'Signer', 'Signer title', 'Statement'];

/*
 * csv-parse is not a dependency, so this is a strict RFC 4180 reader: records end
 * in CRLF, quoted fields may hold anything, and a stray quote or a bare line break
 * outside quotes fails the test instead of being guessed at.
 */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let i = 0;
	while (i < text.length) {
		let field = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				field += text[i];
				i++;
			}
		} else {
			while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
				if (text[i] === '"') throw new Error(`stray quote at ${i}`);
				field += text[i];
				i++;
			}
		}
		record.push(field);
		if (text[i] === ',') {
			i++;
		} else if (text.startsWith('\r\n', i)) {
			records.push(record);
			record = [];
			i += 2;
		} else if (i < text.length) {
			throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
		}
	}
	if (record.length) throw new Error('last record not terminated by CRLF');
	return records;
}

function entry(overrides: Partial<SignatoryEntry> = {}): SignatoryEntry {
	return {
		signatureId: 'sig-1',
		organisationId: 'org-1',
		organisationName: 'Steppe Circle',
		country: 'MN',
		signedAt: new Date('2026-03-08T09:30:00.000Z'),
		initiator: false,
		verified: false,
		signerName: null,
		signerTitle: null,
		statement: null,
		...overrides
	};
}

/** The data rows of the CSV for these entries, after checking BOM and header. */
function rows(entries: SignatoryEntry[], language = 'en'): string[][] {
	const csv = signatoriesToCsv(entries, language);
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const [header, ...data] = parseCsv(csv.slice(1));
	expect(header).toEqual(HEADER);
	return data;
}

function only(e: SignatoryEntry, language = 'en'): string[] {
	const data = rows([e], language);
	expect(data).toHaveLength(1);
	return data[0] as string[];
}

describe('signatoriesToCsv layout', () => {
	it('starts with a UTF-8 byte-order mark, so Excel reads non-Latin names', () => {
		const csv = signatoriesToCsv([entry()], 'en');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		// Only one BOM, even though csv-stringify can add its own.
		expect(csv.charCodeAt(1)).not.toBe(0xfeff);
	});

	it('writes only the header for an empty list', () => {
		expect(rows([])).toEqual([]);
		expect(signatoriesToCsv([], 'en')).toBe(`\uFEFF${HEADER.join(',')}\r\n`);
	});

	it('writes every column', () => {
		const e = entry({
			organisationName: 'Steppe Circle',
			country: 'DE',
			signedAt: new Date('2026-03-08T09:30:05.123Z'),
			verified: true,
			initiator: true,
			signerName: 'Bolor Bat',
			signerTitle: 'Chair',
			statement: 'We stand with them.'
		});
		expect(only(e)).toEqual(['Steppe Circle', 'Germany', 'DE', '2026-03-08T09:30:05.123Z', 'yes', 'yes', 'Bolor Bat', 'Chair', 'We stand with them.']);
	});

	it('writes signing time in UTC whatever the offset it was created with', () => {
		expect(only(entry({ signedAt: new Date('2026-03-08T23:30:00+08:00') }))[3]).toBe('2026-03-08T15:30:00.000Z');
	});

	it('names the country in the letter language and keeps the code', () => {
		expect(only(entry({ country: 'MN' }), 'mn').slice(1, 3)).toEqual(['Монгол', 'MN']);
		expect(only(entry({ country: 'JP' }), 'ja').slice(1, 3)).toEqual(['日本', 'JP']);
		expect(only(entry({ country: 'AF' }), 'fa').slice(1, 3)).toEqual(['افغانستان', 'AF']);
	});

	it('keeps the rows in the order given', () => {
		const list = ['Zeta', 'Alpha', 'Mid'].map((organisationName, i) => entry({ organisationName, signatureId: `s${i}` }));
		expect(rows(list).map((r) => r[0])).toEqual(['Zeta', 'Alpha', 'Mid']);
	});
});

describe('PR1: organisation-only signatures never name the person', () => {
	it.each([
		['no name, no title', { signerName: null, signerTitle: null }, ['', '']],
		['a title but no public name', { signerName: null, signerTitle: 'Director of the Office' }, ['', '']],
		['a public name without a title', { signerName: 'Bolor Bat', signerTitle: null }, ['Bolor Bat', '']],
		['a public name and title', { signerName: 'Bolor Bat', signerTitle: 'Chair' }, ['Bolor Bat', 'Chair']]
	])('%s', (_case, signer, expected) => {
		const row = only(entry(signer));
		expect(row.slice(6, 8)).toEqual(expected);
	});

	it('leaves no trace of a withheld title anywhere in the file', () => {
		const csv = signatoriesToCsv([entry({ signerName: null, signerTitle: 'Secret Title Xyz' })], 'en');
		expect(csv).not.toContain('Secret Title Xyz');
	});
});

describe('quoting', () => {
	it.each([
		['a comma', 'Peace, Justice and Rights'],
		['double quotes', 'The "Steppe" Circle'],
		['a lone quote', 'O"Brien Fund'],
		['a line feed', 'Line one\nLine two'],
		['CRLF', 'Line one\r\nLine two'],
		['a lone carriage return', 'Line one\rLine two'],
		['blank lines', 'First paragraph.\n\nSecond paragraph.'],
		['everything at once', 'He said, "no"\nand left, "again"'],
		['leading and trailing spaces', '  spaced  '],
		['an apostrophe already at the start', "'quoted'"]
	])('round-trips %s', (_case, value) => {
		const row = only(entry({ organisationName: value, statement: value, signerName: value, signerTitle: value }));
		expect(row[0]).toBe(value);
		expect(row[6]).toBe(value);
		expect(row[7]).toBe(value);
		expect(row[8]).toBe(value);
	});

	it('keeps a multi-line statement in one record', () => {
		const list = [entry({ statement: 'a\nb\nc' }), entry({ organisationName: 'Second' })];
		const data = rows(list);
		expect(data).toHaveLength(2);
		expect(data[1]?.[0]).toBe('Second');
	});
});

describe('every script round-trips', () => {
	it.each([
		['Latin with diacritics', 'Żółć Éàü Ørsted Ångström Şenol', 'de'],
		['Mongolian Cyrillic', 'Өвөр Үүрд Монголын Холбоо', 'mn'],
		['Russian', 'Ёлка и Жук', 'ru'],
		['Japanese', 'モンゴル文化協会・東京', 'ja'],
		['Chinese', '蒙古文化协会', 'zh'],
		['Korean', '몽골 문화 협회', 'ko'],
		['Dari with a zero-width non-joiner', 'انجمن صلح می\u200Cخواهم', 'fa'],
		['Arabic', 'جمعية السلام', 'ar'],
		['Hebrew', 'אגודת השלום', 'he'],
		['Traditional Mongolian', 'ᠮᠣᠩᠭᠣᠯ', 'mn'],
		['emoji outside the BMP', 'Green 🌿 Steppe', 'en']
	])('%s', (_case, value, language) => {
		const row = only(entry({ organisationName: value, statement: value, signerName: value, signerTitle: value }), language);
		expect([row[0], row[6], row[7], row[8]]).toEqual([value, value, value, value]);
	});

	it('survives encoding to UTF-8 bytes and back', () => {
		const value = 'Өвөр Үүрд モンゴル انجمن';
		const bytes = Buffer.from(signatoriesToCsv([entry({ organisationName: value })], 'mn'), 'utf8');
		const decoded = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
		expect(parseCsv(decoded)[1]?.[0]).toBe(value);
	});
});

describe('formula injection is neutralised', () => {
	it.each([
		['=', '=HYPERLINK("http://evil.example","click")'],
		['+', '+1+cmd|" /C calc"!A0'],
		['-', '-2+3'],
		['@', '@SUM(A1:A9)'],
		['tab', '\t=1+1'],
		['carriage return', '\r=1+1'],
		['full-width =', '＝1+1'],
		['full-width +', '＋1'],
		['full-width -', '－1'],
		['full-width @', '＠SUM(A1)']
	])('a cell starting with %s gets a leading apostrophe', (_case, value) => {
		const row = only(entry({ organisationName: value, signerName: value, signerTitle: value, statement: value }));
		for (const cell of [row[0], row[6], row[7], row[8]]) expect(cell).toBe(`'${value}`);
	});

	it.each([
		['a formula character later on', 'Peace = Justice'],
		['a leading space', ' =1+1'],
		['a hyphen inside a name', 'Anti-War League'],
		['an e-mail-like at sign', 'info@example.org']
	])('leaves %s alone', (_case, value) => {
		expect(only(entry({ statement: value }))[8]).toBe(value);
	});

	it('never needs to escape its own columns', () => {
		const row = only(entry({ verified: true, initiator: false }));
		expect(row.slice(1, 6)).toEqual(['Mongolia', 'MN', '2026-03-08T09:30:00.000Z', 'yes', 'no']);
	});
});
