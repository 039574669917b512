import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import { signatoryLine } from '../../src/lib/server/signatory-lists/order-signatories';
import type { LetterPdfInput } from '../../src/lib/server/pdf/types';
import { MIXED_NAME, PRIVATE_SIGNER, SIXTEEN, dariLetter, japaneseLetter, manySignatories, sixteenLetter } from '../fixtures/pdf/letters';

/*
 * These tests read the PDF back with poppler's pdftotext, as a recipient's tools
 * would. CI installs poppler-utils; without it they are skipped, loudly.
 */
const hasPoppler = !spawnSync('pdftotext', ['-v']).error;
if (!hasPoppler) console.warn('pdf-render tests skipped: pdftotext not found (apt-get install -y poppler-utils)');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;

function save(pdf: Buffer): string {
	const file = path.join(dir, `letter-${++files}.pdf`);
	fs.writeFileSync(file, pdf);
	return file;
}

// pdftotext wraps right-to-left runs in embedding marks (U+202B … U+202C).
function normalise(text: string): string {
	return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

function pdftotext(file: string, args: string[] = []): string {
	return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

function pageCount(file: string): number {
	return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

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

	it('sets a Japanese letter with its own date', async () => {
		const file = save(await renderLetterPdf(japaneseLetter({ pageSize: 'LETTER' })));
		const text = normalise(pdftotext(file, ['-f', '1', '-l', '1']));
		expect(text).toContain('東京, 2024年5月20日');
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
