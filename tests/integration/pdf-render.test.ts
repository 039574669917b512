import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import { signatoryLine } from '../../src/lib/server/signatory-lists/order-signatories';
import type { LetterPdfInput } from '../../src/lib/server/pdf/types';
import { MIXED_NAME, PRIVATE_SIGNER, SIXTEEN, dariLetter, japaneseLetter, manySignatories, sixteenLetter } from '../fixtures/pdf/letters';
import { hasPoppler, normalise, pageCount, pdfFolder, pdftotext } from '../helpers/pdf-text';

if (!hasPoppler) console.warn('pdf-render tests skipped: pdftotext not found (apt-get install -y poppler-utils)');

const folder = pdfFolder();
afterAll(() => folder.remove());
const save = folder.save;

/** The text of each half of each page, in reading order: page 1 left, page 1 right, page 2 left, … */
function columnTexts(file: string, input: LetterPdfInput): string[] {
	const width = input.pageSize === 'A4' ? 595 : 612;
	const height = input.pageSize === 'A4' ? 842 : 792;
	const texts: string[] = [];
	for (let page = 1; page <= pageCount(file); page++) {
		for (const x of [0, Math.round(width / 2)]) {
			const region = ['-f', `${page}`, '-l', `${page}`, '-x', `${x}`, '-y', '0', '-W', `${Math.round(width / 2)}`, '-H', `${height}`];
			texts.push(normalise(pdftotext(file, region)));
		}
	}
	return texts;
}

/** Asserts each needle occurs, whole, in order, in the haystack. */
function expectInOrder(haystack: string, needles: string[]): void {
	let from = 0;
	for (const needle of needles) {
		const at = haystack.indexOf(needle, from);
		expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
		from = at + needle.length;
	}
}

/** Every stream, inflated where it is compressed, and the raw bytes: all a reader could find. */
function everyByte(pdf: Buffer): string {
	const parts = [pdf.toString('latin1')];
	const raw = pdf.toString('latin1');
	const stream = /stream\r?\n/g;
	for (let match = stream.exec(raw); match; match = stream.exec(raw)) {
		const start = match.index + match[0].length;
		const end = raw.indexOf('endstream', start);
		try {
			parts.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
		} catch {
			// Not compressed.
		}
	}
	return parts.join('\n');
}

function encodings(text: string): string[] {
	const utf16 = Buffer.from(text, 'utf16le').swap16();
	return [Buffer.from(text, 'utf8').toString('latin1'), utf16.toString('latin1'), utf16.toString('hex')];
}

describe.skipIf(!hasPoppler)('the published PDF, read back with pdftotext', () => {
	it.each([
		['day_month_year', 'Stockholm, 20 May 2024'],
		['ordinal', 'Stockholm, the 20th of May, 2024'],
		['iso', 'Stockholm, 2024-05-20'],
		['letter_language', `Stockholm, ${new Intl.DateTimeFormat('mn', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 4, 20))}`]
	] as const)('prints the place and date in the %s format', async (dateFormat, expected) => {
		const language = dateFormat === 'letter_language' ? 'mn' : 'en';
		const file = save(await renderLetterPdf(sixteenLetter({ dateFormat, language, signatureRecord: null })));
		expect(normalise(pdftotext(file, ['-f', '1', '-l', '1']))).toContain(expected);
	});

	it('prints "The 20th of May, 2024" when there is no place', async () => {
		const file = save(await renderLetterPdf(sixteenLetter({ dateFormat: 'ordinal', place: null })));
		expect(normalise(pdftotext(file, ['-f', '1', '-l', '1']))).toContain('The 20th of May, 2024');
	});

	it('has the title, the addressees, the numbered demands, the closing and the count', async () => {
		const file = save(await renderLetterPdf(sixteenLetter()));
		const text = normalise(pdftotext(file));
		expectInOrder(text, [
			'Coalition for a Democratic Mongolia',
			'To the Secretary-General of the United Nations',
			'Open letter on the erosion of democracy in Mongolia',
			'Our demands',
			'1. Demand the immediate release of journalists',
			'2. Support an independent review of the electoral law',
			'3. Make development assistance conditional',
			'Ардчилал бол бидний нийтлэг өв, Өнөөдөр ба Үргэлж.',
			'Respectfully, The undersigned organisations',
			'Signatories',
			'16 organisations'
		]);
	});

	it('lists every signatory, in every script, in the given order', async () => {
		const input = sixteenLetter();
		const file = save(await renderLetterPdf(input));
		const text = columnTexts(file, input).join(' ');
		expectInOrder(
			text,
			SIXTEEN.map((signatory) => signatoryLine(signatory, 'en'))
		);
		expect(text).toContain(`${MIXED_NAME}, Afghanistan`);
		for (const name of ['Åsa Lindström, Ordförande', 'Бат-Өлзий Түмэнбаяр, Тэргүүн', '佐藤 花子, 代表', 'Temuulen Ganbold, Executive Director']) {
			expect(text).toContain(name);
		}
	});

	it('reads a Dari letter right to left, in logical order', async () => {
		const file = save(await renderLetterPdf(dariLetter()));
		const text = normalise(pdftotext(file, ['-f', '1', '-l', '1']));
		expect(text).toContain('به دبیرکل سازمان ملل متحد');
		// The date line: place, day, Dari month (ثور) and solar year in Persian
		// digits. pdftotext reads a line that starts (visually) with digits left to
		// right, so only the words, not their order, are checked here.
		for (const word of ['کابل', '۳۱', 'ثور', '۱۴۰۳']) expect(text).toContain(word);
		expect(text).toContain('بازگشایی مدارس دخترانه در سراسر کشور');
	});

	it('keeps a left-to-right name whole in a right-to-left letter’s signature record (IN4)', async () => {
		const file = save(await renderLetterPdf(dariLetter()));
		const text = pdftotext(file);
		expect(text).toContain('Deutsch-Mongolischer Verein für');
		// Not isolated, the full stop took the letter's direction and moved to the far side.
		expect(text).toContain('Grundrechte e.V.');
		expect(text).not.toContain('.Grundrechte');
	});

	it('sets a Japanese letter with its own date', async () => {
		const file = save(await renderLetterPdf(japaneseLetter({ pageSize: 'LETTER' })));
		const text = normalise(pdftotext(file, ['-f', '1', '-l', '1']));
		expect(text).toContain('東京、2024年5月20日');
		expect(text).toContain('モンゴルにおける民主主義の後退に関する公開書簡');
		expect(text).toContain('1. 報道を理由に拘束されたジャーナリストの即時釈放。');
	});

	it('prints "Page X of Y", the short id and the verification URL on every page', async () => {
		const input = sixteenLetter({ signatories: manySignatories(120) });
		const file = save(await renderLetterPdf(input));
		const pages = pageCount(file);
		expect(pages).toBeGreaterThan(2);
		for (let page = 1; page <= pages; page++) {
			const text = normalise(pdftotext(file, ['-f', `${page}`, '-l', `${page}`]));
			expect(text).toContain(`Page ${page} of ${pages}`);
			expect(text).toContain(`${input.shortId} · ${input.verificationUrl}`);
		}
	});

	it('ends with the verification block and metadata on the last page', async () => {
		const input = sixteenLetter();
		const pdf = await renderLetterPdf(input);
		const file = save(pdf);
		const last = normalise(pdftotext(file, ['-f', `${pageCount(file)}`, '-l', `${pageCount(file)}`]));
		expectInOrder(last, [
			'Verify this letter',
			input.verificationUrl,
			input.shortId,
			'2024-05-20 14:03:11 UTC',
			input.signingTextHash,
			input.auditHeadHash
		]);
		const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
		expect(info).toMatch(/Title:\s+Open letter on the erosion of democracy in Mongolia/);
		expect(info).toMatch(/Author:\s+Coalition for a Democratic Mongolia/);
		expect(info).toMatch(/Producer:\s+Undersigned 0\.1\.0/);
		expect(info).toMatch(/CreationDate:\s+2024-05-20T14:03:11Z/);
		expect(info).toMatch(/Keywords:\s+.*K7QX-93TB/);
		// A vector QR code: dark modules are drawn as rectangles, no image is embedded.
		expect(pdf.includes('/Subtype /Image')).toBe(false);
	});

	it('gives byte-identical files for the same letter, here and in a fresh process', async () => {
		const first = await renderLetterPdf(sixteenLetter());
		// What the process rendered in between (other scripts, other glyphs) changes nothing.
		await renderLetterPdf(dariLetter());
		await renderLetterPdf(japaneseLetter());
		const second = await renderLetterPdf(sixteenLetter());
		expect(first.equals(second)).toBe(true);
		const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/pdf/render-sixteen.ts'], {
			maxBuffer: 64 * 1024 * 1024
		});
		expect(child.stderr.toString()).toBe('');
		expect(child.stdout.equals(first)).toBe(true);
		// The file identifier is derived from the content: another letter gets another one.
		const other = await renderLetterPdf(sixteenLetter({ signatories: SIXTEEN.slice(1) }));
		const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]{32})>/.exec(pdf.subarray(-400).toString('latin1'))?.[1];
		expect(id(first)).toMatch(/^[0-9a-f]{32}$/);
		expect(id(other)).not.toBe(id(first));
	});

	it('never shows a withheld signer (PR1): not in the text, the bytes or the metadata', async () => {
		const secretTitle = 'Head of Secret Affairs';
		const named = sixteenLetter({
			signatories: SIXTEEN.map((s, i) => (i === 1 ? { ...s, signerName: PRIVATE_SIGNER, signerTitle: secretTitle } : s))
		});
		const withheld = sixteenLetter({
			signatories: SIXTEEN.map((s, i) => (i === 1 ? { ...s, signerName: null, signerTitle: secretTitle } : s)),
			signatureRecord: SIXTEEN.map((s, i) => ({
				organisationName: s.organisationName,
				signer: i === 1 ? null : s.signerName,
				signedAt: new Date(Date.UTC(2024, 4, 10, 9, i)),
				textHashPrefix: '3f6c1b0f',
				method: 'password'
			}))
		});
		// The check can see a name: a public signer is printed.
		const namedFile = save(await renderLetterPdf(named));
		const namedText = normalise(pdftotext(namedFile));
		expect(namedText).toContain(PRIVATE_SIGNER);
		expect(namedText).toContain(secretTitle);

		const pdf = await renderLetterPdf(withheld);
		const file = save(pdf);
		const text = normalise(pdftotext(file));
		expect(text).not.toContain(PRIVATE_SIGNER);
		// A title alone could point at the person: it goes with the name or not at all.
		expect(text).not.toContain(secretTitle);
		expect(text).toContain('withheld');
		const bytes = everyByte(pdf);
		for (const needle of [...encodings(PRIVATE_SIGNER), ...encodings(secretTitle), ...encodings('Batbayar')]) {
			expect(bytes.includes(needle)).toBe(false);
		}
		expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).not.toContain('Batbayar');
	});

	it('sets 500 signatories in two columns, every entry whole and in order', async () => {
		const signatories = manySignatories(500);
		const input = sixteenLetter({ signatories, signatureRecord: null });
		const file = save(await renderLetterPdf(input));
		const columns = columnTexts(file, input);
		// Right-hand halves hold entries on the pages of the list: two columns.
		const rightWithEntries = columns.filter((text, index) => index % 2 === 1 && /, (United States|Sweden|Japan)\b/.test(text));
		expect(rightWithEntries.length).toBeGreaterThan(3);
		// A column boundary inside an entry would break its text: joined with a
		// separator, each entry must still be found whole, and in order.
		const joined = columns.join(' ¦ ');
		const latinAndCjk = signatories.filter((signatory) => signatory.country !== 'AF');
		expectInOrder(
			joined,
			latinAndCjk.map((signatory) => signatoryLine(signatory, 'en'))
		);
		expect(joined).toContain('500 organisations');
		// Right-to-left names come back in logical order too, whatever pdftotext does with their numbers.
		for (const signatory of signatories.filter((s) => s.country === 'AF').slice(0, 20)) {
			const words = signatory.organisationName.replace(/ \d+$/, '');
			expect(joined).toContain(words);
		}
	});
});

/** The structure tree with its text, as poppler reads it: what a screen reader follows. */
function structText(file: string): string {
	return execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The lines of text of the list items, in structure order. */
function listItems(struct: string): string[] {
	const items: string[] = [];
	let current: string[] | null = null;
	for (const line of struct.split('\n')) {
		if (/^\s*LI\b/.test(line)) {
			current = [];
			items.push('');
			continue;
		}
		const text = /^\s*"(.*)"$/.exec(line)?.[1];
		if (current && text !== undefined) items[items.length - 1] = normalise(`${items[items.length - 1]} ${text}`);
		if (/^\s*(L|H\d|P|Sect|Table)\b/.test(line) && !/^\s*(LI|LBody|Lbl)\b/.test(line) && line.search(/\S/) <= 2) current = null;
	}
	return items;
}

describe.skipIf(!hasPoppler)('an archival, accessible PDF', () => {
	it('declares PDF/A-2b in XMP metadata dated at the publication time, escaped', async () => {
		const input = sixteenLetter({ title: 'Rights & Freedoms: <now>', publishedAt: new Date(Date.UTC(2024, 4, 20, 14, 3, 11, 789)) });
		const file = save(await renderLetterPdf(input));
		const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
		expect(info).toMatch(/Tagged:\s+yes/);
		expect(info).toMatch(/PDF version:\s+1\.7/);
		expect(info).toMatch(/Title:\s+Rights & Freedoms: <now>/);
		const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
		expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
		expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
		expect(xmp).toContain('<xmp:CreateDate>2024-05-20T14:03:11Z</xmp:CreateDate>');
		expect(xmp).toContain('<xmp:ModifyDate>2024-05-20T14:03:11Z</xmp:ModifyDate>');
		expect(xmp.match(/<dc:title>/g)).toHaveLength(1);
		expect(xmp).toContain('Rights &amp; Freedoms: &lt;now&gt;');
		// No PDF/A validator runs here (veraPDF is neither on npm nor in Debian); qpdf,
		// where installed, checks the file's syntax and streams.
		if (!spawnSync('qpdf', ['--version']).error) {
			const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
			expect(check.stdout).toContain('No syntax or stream encoding errors found');
			expect(check.status).toBe(0);
			// PDF/A's output intent: the colours are sRGB, with the ICC profile embedded.
			const expanded = `${file}.qdf.pdf`;
			execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded]);
			const objects = fs.readFileSync(expanded, 'latin1');
			expect(objects).toMatch(/\/OutputIntents \[\s*\d+ 0 R\s*\]/);
			expect(objects).toMatch(/\/S \/GTS_PDFA1/);
			expect(objects).toMatch(/\/DestOutputProfile \d+ 0 R/);
		}
		// PDF/A: every font embedded.
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
		expect(fonts.length).toBeGreaterThan(0);
		for (const font of fonts) expect(font, font).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
	});

	it('tags the letter in reading order: title, headings, the demands as a list, footers left out', async () => {
		const file = save(await renderLetterPdf(sixteenLetter()));
		const struct = structText(file);
		const text = normalise(struct.replace(/"/g, ' '));
		expectInOrder(text, [
			'Document',
			'H1 (block) Open letter on the erosion of democracy in Mongolia',
			'H2 (block) Our demands',
			'L (block) LI (block) Lbl (block) 1. LBody (block) P (block) Demand the immediate release',
			'LI (block) Lbl (block) 2. LBody',
			'BlockQuote P (block) Ардчилал бол бидний',
			'H2 (block) Signatories',
			'16 organisations',
			'L (block) LI',
			'Table',
			'Sect',
			'Figure',
			'Verify this letter'
		]);
		// "Page X of Y" and the footer are artifacts: not part of the letter's text.
		expect(struct).not.toContain('Page 1 of');
		expect(struct).not.toContain('K7QX-93TB · ');
	});

	it('reads the signatory list in its order, column after column, one item per organisation', async () => {
		const signatories = manySignatories(120);
		const input = sixteenLetter({ signatories, signatureRecord: null });
		const file = save(await renderLetterPdf(input));
		const items = listItems(structText(file)).slice(3);
		expect(items).toHaveLength(120);
		signatories.forEach((signatory, index) => {
			if (signatory.country === 'AF') return;
			expect(items[index]).toContain(signatoryLine(signatory, 'en'));
		});
	});
});

describe.skipIf(!hasPoppler)('typography a ministry expects', () => {
	it.each([
		['en', '“sustained pressure”'],
		['de', '„sustained pressure“'],
		['ru', '«sustained pressure»'],
		['ja', '「sustained pressure」']
	])('prints typographic quotes in %s', async (language, expected) => {
		const input = sixteenLetter({ language, bodyMarkdown: 'Civil society has come under "sustained pressure".', signatureRecord: null });
		const text = normalise(pdftotext(save(await renderLetterPdf(input)), ['-f', '1', '-l', '1']));
		expect(text).toContain(expected);
		expect(input.bodyMarkdown).toContain('"sustained pressure"');
	});

	it('leaves no paragraph with one line alone at the foot or the head of a page, and no heading at the foot', async () => {
		// Paragraphs of numbered words (p2w13), so each printed line tells whose it is.
		const paragraph = (p: number, words: number) => Array.from({ length: words }, (_, w) => `p${p}w${w}`).join(' ');
		let splits = 0;
		for (let shift = 0; shift < 8; shift++) {
			const paragraphs = [paragraph(0, 1 + shift * 9), ...Array.from({ length: 9 }, (_, i) => paragraph(i + 1, 60 + ((i * 37) % 80)))];
			// Headings before some paragraphs, one before a paragraph of three lines.
			const body = paragraphs.map((text, p) => (p % 3 === 1 ? `## Heading${p}\n\n${text}` : p === 5 ? `## Heading${p}\n\n${paragraph(p, 30)}` : text));
			const file = save(await renderLetterPdf(sixteenLetter({ bodyMarkdown: body.join('\n\n'), signatureRecord: null })));
			const pages = [1, 2].map((page) => pdftotext(file, ['-f', `${page}`, '-l', `${page}`]).split('\n'));
			const lastOfPage1 = (pages[0] ?? []).filter((line) => /p\dw|Heading\d/.test(line)).at(-1);
			expect(lastOfPage1, `a heading ends page 1 (shift ${shift})`).not.toMatch(/^Heading/);
			const linesOf = (page: number, p: number) => (pages[page - 1] ?? []).filter((line) => line.includes(`p${p}w`)).length;
			for (let p = 0; p < paragraphs.length; p++) {
				const [first, second] = [linesOf(1, p), linesOf(2, p)];
				if (first === 0 || second === 0) continue;
				splits += 1;
				expect(first, `paragraph ${p} at the foot of page 1 (shift ${shift})`).toBeGreaterThanOrEqual(2);
				expect(second, `paragraph ${p} at the head of page 2 (shift ${shift})`).toBeGreaterThanOrEqual(2);
			}
		}
		// The check saw paragraphs split across the page break.
		expect(splits).toBeGreaterThan(3);
	});

	it('never splits a country name across lines', async () => {
		// Names of every length, so that some end just before the column's edge.
		const words = 'Association for Civic Freedom and Democratic Rights of the Mongolian Diaspora in North America and Beyond'.split(' ');
		const signatories = Array.from({ length: 40 }, (_, i) => ({
			organisationName: `${words.slice(0, 2 + (i % 14)).join(' ')} ${'x'.repeat(i % 7)}`.trim(),
			country: i % 2 === 0 ? 'US' : 'AU',
			signerName: null,
			signerTitle: null,
			verified: i % 3 === 0
		}));
		for (const language of ['en', 'ja']) {
			const file = save(await renderLetterPdf(sixteenLetter({ language, signatories, signatureRecord: null })));
			const lines = pdftotext(file, ['-raw']).split('\n').map((line) => line.trim());
			const countries = language === 'ja' ? ['アメリカ合衆国', 'オーストラリア'] : ['United States', 'Australia'];
			const entries = lines.filter((line) => countries.some((country) => line.endsWith(country)));
			expect(entries.length).toBeGreaterThanOrEqual(40);
			for (const line of lines) {
				for (const country of countries) {
					if (line.includes(country)) continue;
					// No line ends in the first part of a country's name.
					for (let cut = 2; cut < country.length; cut++) {
						const head = country.slice(0, cut);
						if (language === 'en' && !head.endsWith(' ')) continue;
						expect(line.endsWith(`, ${head.trim()}`) || line.endsWith(`,${head.trim()}`), `"${line}"`).toBe(false);
					}
				}
			}
		}
	});

	it('indents the continuation lines of a wrapped signatory entry', async () => {
		const organisationName = 'Association for Civic Freedom and Democratic Rights of the Mongolian Diaspora in North America';
		const input = sixteenLetter({
			signatories: [{ organisationName, country: 'US', signerName: null, signerTitle: null, verified: false }],
			signatureRecord: null
		});
		const file = save(await renderLetterPdf(input));
		const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
		const lines = [...xml.matchAll(/<line xMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((match) => ({
			x: Number(match[1]),
			text: [...(match[2] ?? '').matchAll(/>([^<]*)<\/word>/g)].map((word) => word[1]).join(' ')
		}));
		const first = lines.findIndex((line) => line.text.startsWith('Association for Civic'));
		expect(first).toBeGreaterThanOrEqual(0);
		const [start, next] = [lines[first], lines[first + 1]];
		expect(next?.text).toMatch(/United States$/);
		expect((next?.x ?? 0) - (start?.x ?? 0)).toBeCloseTo(10, 0);
	});

	it('keeps the verification block with the end of the list or the record, never alone on a page', async () => {
		for (const count of [9, 10, 30]) {
			const signatories = count <= 16 ? SIXTEEN.slice(0, count) : manySignatories(count);
			for (const withRecord of [false, true]) {
				const signatureRecord = withRecord
					? signatories.map((s, i) => ({ organisationName: s.organisationName, signer: s.signerName, signedAt: new Date(Date.UTC(2024, 4, 10, 8, i)), textHashPrefix: '3f6c1b0f', method: 'password' }))
					: null;
				const file = save(await renderLetterPdf(sixteenLetter({ signatories, signatureRecord })));
				const pages = pageCount(file);
				const last = normalise(pdftotext(file, ['-f', `${pages}`, '-l', `${pages}`]));
				const before = last.slice(0, last.indexOf('Verify this letter'));
				expect(last).toContain('Verify this letter');
				expect(before.length, `${count} signatories, record: ${withRecord}`).toBeGreaterThan(40);
			}
		}
	});

	it('wraps an entry taller than a column within the page, every word kept', async () => {
		const words = Array.from({ length: 700 }, (_, i) => `Word${i}`);
		const input = sixteenLetter({
			signatories: [...SIXTEEN.slice(0, 9), { organisationName: words.join(' '), country: 'SE', signerName: null, signerTitle: null, verified: false }],
			signatureRecord: null
		});
		const file = save(await renderLetterPdf(input));
		const text = normalise(pdftotext(file, ['-raw']));
		expectInOrder(text, [...words.filter((_, i) => i % 50 === 0), 'Word699, Sweden']);
		// Nothing is drawn below the footer rule: every word's box is on its page.
		const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
		const bottoms = [...xml.matchAll(/<word [^>]*yMax="([\d.]+)">Word\d+/g)].map((match) => Number(match[1]));
		expect(bottoms.length).toBe(700);
		expect(Math.max(...bottoms)).toBeLessThan(841.89 - 60);
	});
});
