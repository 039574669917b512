import { describe, expect, it } from 'vitest';
import { CSV_MAX_ROWS, parseRecipientsCsv } from '../../src/lib/server/distribution/recipients-csv';

const HEADER = 'name,title,organisation,email,postal_address,language';

function rows(csv: string) {
	const result = parseRecipientsCsv(csv);
	if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
	return result.rows;
}

function errors(csv: string) {
	const result = parseRecipientsCsv(csv);
	if (result.ok) throw new Error('expected errors, got success');
	return result.errors;
}

describe('parseRecipientsCsv: files people really make', () => {
	const good: { name: string; csv: string; expect: Record<string, unknown>[] }[] = [
		{
			name: 'the documented header and every column',
			csv: `${HEADER}\nJane Doe,Minister,Ministry of Foreign Affairs,Jane.Doe@Example.org,"Street 1\n12345 City",en\n`,
			expect: [
				{ name: 'Jane Doe', title: 'Minister', organisation: 'Ministry of Foreign Affairs', email: 'jane.doe@example.org', postalAddress: 'Street 1\n12345 City', language: 'en' }
			]
		},
		{
			name: 'header in another case, with spaces, dashes and aliases, columns in another order',
			csv: ' E-Mail , Name ,Organization,Postal Address,Lang\nnews@paper.example,Desk Editor,The Paper,,MN\n',
			expect: [{ name: 'Desk Editor', organisation: 'The Paper', email: 'news@paper.example', postalAddress: null, title: null, language: 'mn' }]
		},
		{
			name: 'a byte-order mark, CRLF line ends and semicolons, as spreadsheets save them',
			csv: '\uFEFFname;email;language\r\nAmbassador A;a@embassy.example;en-GB\r\n',
			expect: [{ name: 'Ambassador A', email: 'a@embassy.example', language: 'en' }]
		},
		{
			name: 'tab-separated',
			csv: 'name\temail\nB Person\tb@example.org\n',
			expect: [{ name: 'B Person', email: 'b@example.org' }]
		},
		{
			name: 'only a name column; empty optional cells become null',
			csv: 'name\nPress office\n',
			expect: [{ name: 'Press office', email: null, title: null, organisation: null, postalAddress: null, language: null }]
		},
		{
			name: 'quoted commas and doubled quotes; names are NFC-normalised and trimmed',
			csv: `${HEADER}\n"  Ren\u0065\u0301e ""R."" Dupont ","Director, Europe",,r@example.org,,\n`,
			expect: [{ name: 'Renée "R." Dupont', title: 'Director, Europe' }]
		},
		{
			name: 'a stray quote inside an unquoted cell is taken literally',
			csv: 'name,email\nSeán O"Brien,sob@example.org\n',
			expect: [{ name: 'Seán O"Brien' }]
		},
		{
			name: 'blank lines and rows of empty cells are skipped',
			csv: `${HEADER}\n\nA One,,,,,\n,,,,,\n\nB Two,,,,,\n`,
			expect: [{ name: 'A One' }, { name: 'B Two' }]
		},
		{
			name: 'right-to-left and Cyrillic names',
			csv: 'name,organisation,language\nوزیر امور خارجه,وزارت امور خارجه,fa\nӨлзий Түмэн,Үндэсний Их Хурал,mn\n',
			expect: [
				{ name: 'وزیر امور خارجه', language: 'fa' },
				{ name: 'Өлзий Түмэн', language: 'mn' }
			]
		},
		{
			name: 'a multi-line postal address keeps its lines (CRLF becomes LF)',
			csv: 'name,postal_address\r\nEmbassy,"Embassy of Sweden\r\nStreet 3\r\nTokyo"\r\n',
			expect: [{ name: 'Embassy', postalAddress: 'Embassy of Sweden\nStreet 3\nTokyo', email: null }]
		}
	];
	for (const c of good) {
		it(c.name, () => {
			const parsed = rows(c.csv);
			expect(parsed).toHaveLength(c.expect.length);
			c.expect.forEach((expected, i) => expect(parsed[i]!.recipient).toMatchObject(expected));
		});
	}

	it('row numbers count the header as row 1, blank lines included, as a spreadsheet shows them', () => {
		const parsed = rows(`${HEADER}\nA,,,,,\n\nB,,,,,\n`);
		expect(parsed.map((r) => r.row)).toEqual([2, 4]);
	});
});

describe('parseRecipientsCsv: every problem, with its row, and nothing imported', () => {
	const bad: { name: string; csv: string; expect: { row: number; message: RegExp }[] }[] = [
		{ name: 'an empty file', csv: '', expect: [{ row: 0, message: /empty.*header/ }] },
		{ name: 'only blank lines', csv: '\n\n  \n', expect: [{ row: 0, message: /empty/ }] },
		{ name: 'a header without a name column', csv: 'email\nx@example.org\n', expect: [{ row: 1, message: /name column/ }] },
		{ name: 'data where the header should be', csv: 'Jane Doe,jane@example.org\n', expect: [{ row: 1, message: /name column/ }] },
		{ name: 'an unknown column', csv: 'name,phone\nA,123\n', expect: [{ row: 1, message: /Unknown column “phone”/ }] },
		{ name: 'a column twice', csv: 'name,email,E-mail\nA,a@example.org,b@example.org\n', expect: [{ row: 1, message: /appears twice/ }] },
		{ name: 'a header and no rows', csv: `${HEADER}\n`, expect: [{ row: 1, message: /no recipients/ }] },
		{
			name: 'a missing name and a bad address, each on its row',
			csv: `${HEADER}\nGood Person,,,good@example.org,,\n,Minister,,,,\nBad Address,,,not-an-address,,\n`,
			expect: [
				{ row: 3, message: /Name is required/ },
				{ row: 4, message: /e-mail address such as/ }
			]
		},
		{ name: 'more cells than columns', csv: 'name,email\nA,a@example.org,extra\n', expect: [{ row: 2, message: /more cells than the header/ }] },
		{ name: 'a bidirectional override in a name (IN2)', csv: 'name\nEvil\u202Eeman\n', expect: [{ row: 2, message: /direction-changing/ }] },
		{ name: 'a NUL byte (IN1)', csv: 'name\nA\u0000B\n', expect: [{ row: 2, message: /NUL/ }] },
		{ name: 'a name that is too long', csv: `name\n${'x'.repeat(201)}\n`, expect: [{ row: 2, message: /too long \(at most 200/ }] },
		{ name: 'a postal address that is too long', csv: `name,postal_address\nA,"${'line\n'.repeat(300)}"\n`, expect: [{ row: 2, message: /Postal address is too long/ }] },
		{ name: 'an unknown language', csv: 'name,language\nA,klingon\n', expect: [{ row: 2, message: /Language must be a code/ }] },
		{
			name: 'the same e-mail address twice in the file',
			csv: 'name,email\nA,same@example.org\nB,SAME@example.org\n',
			expect: [{ row: 3, message: /same as in row 2/ }]
		},
		{ name: 'a quote that is never closed', csv: 'name,email\n"A,a@example.org\nB,b@example.org\n', expect: [{ row: 2, message: /not valid CSV.*never closed/ }] }
	];
	for (const c of bad) {
		it(c.name, () => {
			const found = errors(c.csv);
			expect(found).toHaveLength(c.expect.length);
			c.expect.forEach((expected, i) => {
				expect(found[i]!.row).toBe(expected.row);
				expect(found[i]!.message).toMatch(expected.message);
			});
		});
	}

	it(`refuses more than ${CSV_MAX_ROWS} rows`, () => {
		const csv = `name\n${Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `Person ${i}`).join('\n')}\n`;
		expect(errors(csv)[0]!.message).toMatch(/at most 2,000/);
		expect(rows(`name\n${Array.from({ length: CSV_MAX_ROWS }, (_, i) => `Person ${i}`).join('\n')}\n`)).toHaveLength(CSV_MAX_ROWS);
	});

	it('refuses a file over 1 MB before parsing it', () => {
		const csv = `name,postal_address\nA,"${'x'.repeat(1024 * 1024)}"\n`;
		expect(errors(csv)[0]!.message).toMatch(/larger than 1 MB/);
	});

	it('lists at most 50 problems and counts the rest', () => {
		const csv = `name,email\n${Array.from({ length: 70 }, (_, i) => `P${i},bad-${i}`).join('\n')}\n`;
		const result = parseRecipientsCsv(csv);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toHaveLength(50);
		expect(result.moreErrors).toBe(20);
		expect(result.errors[0]!.row).toBe(2);
	});

	it('pathological cells get an answer, not a hang (IN5: lengths are checked before any pattern)', () => {
		expect(parseRecipientsCsv(`name,email\n${'"'.repeat(200_000)},${'@'.repeat(200_000)}\n`).ok).toBe(false);
		expect(parseRecipientsCsv(`name,email\nA,${'a@'.repeat(100_000)}\n`).ok).toBe(false);
	});
});
