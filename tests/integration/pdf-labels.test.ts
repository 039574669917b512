import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import enMessages from '../../messages/en.json';
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import type { LetterPdfInput, LetterPreviewInput } from '../../src/lib/server/pdf/types';
import { SIXTEEN, dariLetter, japaneseLetter, sixteenLetter } from '../fixtures/pdf/letters';
import { hasPoppler, normalise, pageCount, pdfFolder, pdftotext } from '../helpers/pdf-text';

/*
 * Issue 14, point 7: the PDF's own words follow the letter's language. Read back
 * with pdftotext, as a recipient's tools would.
 */
if (!hasPoppler) console.warn('pdf-labels tests skipped: pdftotext not found (apt-get install -y poppler-utils)');

const folder = pdfFolder('undersigned-labels-');
afterAll(() => folder.remove());

/** Every English label, the words around a placeholder taken apart ("Page ", " of "). */
const ENGLISH_LABELS = Object.entries(enMessages)
	.filter(([key]) => key.startsWith('pdf_'))
	.flatMap(([, value]) => (typeof value === 'string' ? value.split(/\{\w+\}/) : Object.values(value[0]?.match ?? {}).flatMap((v) => v.split(/\{\w+\}/))))
	.map((part) => part.replace(/[.,:]\s*$/, '').trim())
	// Long enough to mean something on their own; "UTC" and "SHA-256" are in every language.
	.filter((part) => part.length > 3 && !/^\(?(UTC|SHA-256)\)?$/.test(part));

async function allText(input: LetterPdfInput | LetterPreviewInput): Promise<{ text: string; pages: string[] }> {
	const file = folder.save(await renderLetterPdf(input));
	const pages = Array.from({ length: pageCount(file) }, (_, i) => normalise(pdftotext(file, ['-f', `${i + 1}`, '-l', `${i + 1}`])));
	return { text: pages.join(' '), pages };
}

function previewOf(input: LetterPdfInput): LetterPreviewInput {
	const { shortId: _s, verificationUrl: _v, signingTextHash: _h, auditHeadHash: _a, publishedAt: _p, seal: _seal, ...rest } = input;
	return { ...rest, preview: true, previewedAt: new Date(Date.UTC(2024, 4, 1)) };
}

function expectNoEnglishLabel(text: string): void {
	for (const label of ENGLISH_LABELS) expect(text, `English label "${label}"`).not.toContain(label);
}

/** A private signer, so the signature record prints "withheld" in the letter's language. */
const PERSIAN = dariLetter({ language: 'fa' });

describe.skipIf(!hasPoppler)('the PDF speaks its letter’s language', () => {
	it('sanity: the English label list holds the labels', () => {
		expect(ENGLISH_LABELS).toEqual(expect.arrayContaining(['Signatories', 'Page', 'organisations', 'withheld', 'Verify this letter', 'PREVIEW']));
	});

	it('a Persian letter has Persian labels, Persian digits and no English label', async () => {
		const { text, pages } = await allText(PERSIAN);
		expectNoEnglishLabel(text);
		// Words without the hamza above (ـهٔ) or lam-alef (لا): pdftotext reads both back
		// in another order. "withheld" (اعلام‌نشده) is checked by its second half.
		for (const label of ['امضاکنندگان', 'سازمان', 'کد راستی‌آزمایی', 'تاریخ انتشار', 'امضاها', 'امضاکننده', 'هش متن', 'روش', '‌نشده']) {
			expect(text).toContain(label);
		}
		expect(text).toContain('۱۶');
		// The entry's separator is the Arabic comma.
		expect(text).toContain('افغانستان');
		expect(text).not.toMatch(/دموکراسی, /);
		// "Page 1 of N" in Persian digits on the first page.
		for (const word of ['صفح', '۱', 'از', '۲']) expect(pages[0]).toContain(word);
	});

	it('a Dari letter (fa-AF or prs) takes the Dari wording where it differs', async () => {
		for (const language of ['fa-AF', 'prs']) {
			const { text } = await allText(dariLetter({ language }));
			expectNoEnglishLabel(text);
			expect(text).toContain('کود تصدیق');
			expect(text).not.toContain('کد راستی‌آزمایی');
		}
	});

	it('a Japanese letter has Japanese labels and no English label', async () => {
		const { text, pages } = await allText(japaneseLetter());
		expectNoEnglishLabel(text);
		for (const label of ['署名団体', '16団体', '検証コード', '公開日時', '署名記録', '署名者', '本文ハッシュ', '非公開', '1 / ']) {
			expect(text).toContain(label);
		}
		expect(pages[0]).toContain('東京、2024年5月20日');
		// The place-and-date line has no Latin comma.
		const line = pages[0]?.match(/東京\S*/)?.[0] ?? '';
		expect(line).not.toContain(',');
		// An entry: name、country.
		expect(text).toContain('在日モンゴル人民主協会、日本');
	});

	it('the document information (title, subject, keywords) and the method column are in the letter’s language', async () => {
		for (const input of [japaneseLetter(), previewOf(japaneseLetter())]) {
			const file = folder.save(await renderLetterPdf(input));
			const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }).stdout;
			const fields = info.split('\n').filter((line) => /^(Title|Subject|Keywords):/.test(line)).join('\n');
			expect(fields).toContain('公開書簡');
			expect(fields).toMatch(/16団体/);
			expectNoEnglishLabel(fields);
			expect(fields).not.toMatch(/Open letter|open letter|Preview|signed/);
		}
		const { text } = await allText(japaneseLetter());
		// The method column is narrow: the words may wrap onto two lines.
		expect(text.replace(/\s/g, '')).toContain('認証アプリのコード');
		expect(text).toContain('パスワード');
	});

	it('a written-out date follows the letter’s language; English keeps its own', async () => {
		const ru = await allText({ ...sixteenLetter(), language: 'ru', place: 'Москва', dateFormat: 'day_month_year' });
		expect(ru.pages[0]).toContain('Москва, 20 мая 2024 г.');
		const sv = await allText({ ...sixteenLetter(), language: 'sv', place: 'Stockholm', dateFormat: 'ordinal' });
		expect(sv.pages[0]).toContain('Stockholm, 20 maj 2024');
		const en = await allText({ ...sixteenLetter(), language: 'en', place: 'London', dateFormat: 'ordinal' });
		expect(en.pages[0]).toContain('London, the 20th of May, 2024');
	});

	it('a preview is marked in the letter’s language', async () => {
		const ja = await allText(previewOf(japaneseLetter()));
		expectNoEnglishLabel(ja.text);
		for (const page of ja.pages) expect(page).toContain('プレビュー — 公開された書簡ではありません');
		const fa = await allText(previewOf(PERSIAN));
		expectNoEnglishLabel(fa.text);
		for (const page of fa.pages) expect(page).toContain('پیش‌نمایش');
	});

	it.each([
		[1, '1 организация'],
		[2, '2 организации'],
		[5, '5 организаций'],
		[21, '21 организация']
	])('a Russian letter with %i signatories counts "%s"', async (count, expected) => {
		const signatories = Array.from({ length: count }, (_, i) => ({ ...SIXTEEN[i % SIXTEEN.length]!, organisationName: `Организация ${i + 1}` }));
		const { text } = await allText(sixteenLetter({ language: 'ru', signatories, signatureRecord: null }));
		expect(text).toContain(`Подписавшие ${expected}`);
		expect(text).toContain('Страница 1 из');
		// The body is the English fixture's; the labels are Russian.
		for (const label of ['Signatories', 'Page 1 of', 'Verify this letter']) expect(text).not.toContain(label);
	});

	it('a letter in a language without labels (German) gets the English ones', async () => {
		const { text, pages } = await allText(sixteenLetter({ language: 'de' }));
		for (const label of ['Signatories', '16 organisations', 'Verify this letter', 'Signature record', 'withheld']) expect(text).toContain(label);
		expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
		expect(pages[0]).toContain('Stockholm, 20 May 2024');
	});
});
