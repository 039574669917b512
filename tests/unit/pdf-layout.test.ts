import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { formatLetterDate, placeAndDate } from '../../src/lib/server/pdf/format-letter-date';
import { markdownBlocks } from '../../src/lib/server/pdf/markdown-blocks';
import { packColumns } from '../../src/lib/server/pdf/pack-columns';
import { familyForCodePoint, hanPreferenceOfText } from '../../src/lib/server/pdf/fonts';
import { glyphIdsOf, harfBuzzShape } from '../../src/lib/server/pdf/shaping';
import { createTextContext, layoutText, lineText, type Direction } from '../../src/lib/server/pdf/text-layout';
import { directionOf } from '../../src/lib/server/pdf/render-letter-pdf';

describe('letter date formats', () => {
	const cases: [string, Parameters<typeof formatLetterDate>[1], string, string][] = [
		['2024-05-20', 'day_month_year', 'en', '20 May 2024'],
		['2024-05-20', 'ordinal', 'en', 'The 20th of May, 2024'],
		['2024-05-01', 'ordinal', 'en', 'The 1st of May, 2024'],
		['2024-05-02', 'ordinal', 'en', 'The 2nd of May, 2024'],
		['2024-05-03', 'ordinal', 'en', 'The 3rd of May, 2024'],
		['2024-05-11', 'ordinal', 'en', 'The 11th of May, 2024'],
		['2024-05-12', 'ordinal', 'en', 'The 12th of May, 2024'],
		['2024-05-13', 'ordinal', 'en', 'The 13th of May, 2024'],
		['2024-05-22', 'ordinal', 'en', 'The 22nd of May, 2024'],
		['2024-01-31', 'iso', 'en', '2024-01-31'],
		['2024-05-20', 'letter_language', 'ja', '2024年5月20日'],
		['2024-05-20', 'letter_language', 'sv', '20 maj 2024'],
		['2024-05-20', 'letter_language', 'mn', new Intl.DateTimeFormat('mn', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 4, 20))]
	];
	it.each(cases)('%s as %s in %s reads %s', (date, format, language, expected) => {
		expect(formatLetterDate(date, format, language)).toBe(expected);
	});

	it.each(['2024-02-30', '2024-5-20', '20.05.2024', '', '2024-13-01'])('refuses %j', (date) => {
		expect(() => formatLetterDate(date, 'iso', 'en')).toThrow(RangeError);
	});

	it.each([
		['Stockholm', '20 May 2024', 'day_month_year', 'en', 'Stockholm, 20 May 2024'],
		['Stockholm', 'The 20th of May, 2024', 'ordinal', 'en', 'Stockholm, the 20th of May, 2024'],
		[null, 'The 20th of May, 2024', 'ordinal', 'en', 'The 20th of May, 2024'],
		['  ', '2024-05-20', 'iso', 'en', '2024-05-20'],
		// English labels, a place in Arabic script: the Arabic comma all the same.
		['کابل', '20 May 2024', 'day_month_year', 'en', 'کابل، 20 May 2024'],
		['کابل', '۳۱ ثور ۱۴۰۳', 'letter_language', 'prs', 'کابل، ۳۱ ثور ۱۴۰۳'],
		['Berlin', '۳۱ اردیبهشت ۱۴۰۳', 'letter_language', 'fa', 'Berlin، ۳۱ اردیبهشت ۱۴۰۳'],
		['東京', '2024年5月20日', 'letter_language', 'ja', '東京、2024年5月20日'],
		['Москва', '20 мая 2024 г.', 'letter_language', 'ru', 'Москва, 20 мая 2024 г.'],
		['Berlin', '20. Mai 2024', 'letter_language', 'de', 'Berlin, 20. Mai 2024']
	] as const)('place %j and %j (%s, %s) give %j', (place, date, format, language, expected) => {
		expect(placeAndDate(place, date, format, language)).toBe(expected);
	});
});

describe('the body Markdown as PDF blocks', () => {
	it('numbers ordered items from their start and keeps emphasis and links', () => {
		const blocks = markdownBlocks('## Demands\n\n3. **Free** the *press*\n4. Read [this](https://example.org)\n   - nested\n\n> quoted');
		expect(blocks).toEqual([
			{ kind: 'heading', level: 2, spans: [{ text: 'Demands', bold: false, italic: false, href: null }] },
			{
				kind: 'paragraph',
				depth: 1,
				quote: 0,
				marker: '3.',
				tight: true,
				spans: [
					{ text: 'Free', bold: true, italic: false, href: null },
					{ text: ' the ', bold: false, italic: false, href: null },
					{ text: 'press', bold: false, italic: true, href: null }
				]
			},
			{
				kind: 'paragraph',
				depth: 1,
				quote: 0,
				marker: '4.',
				tight: true,
				spans: [
					{ text: 'Read ', bold: false, italic: false, href: null },
					{ text: 'this', bold: false, italic: false, href: 'https://example.org' }
				]
			},
			{ kind: 'paragraph', depth: 2, quote: 0, marker: '–', tight: true, spans: [{ text: 'nested', bold: false, italic: false, href: null }] },
			{ kind: 'paragraph', depth: 0, quote: 1, marker: null, tight: false, spans: [{ text: 'quoted', bold: false, italic: false, href: null }] }
		]);
	});

	it('drops links the letter subset refuses and keeps hard breaks', () => {
		const [block] = markdownBlocks('[x](javascript:alert(1)) line  \nnext');
		expect(block?.spans.map((span) => span.href)).not.toContain('javascript:alert(1)');
		expect(block?.spans.map((span) => span.text).join('')).toContain('\nnext');
	});
});

describe('packing the signatory list into columns', () => {
	function check(heights: number[], pages: ReturnType<typeof packColumns>, columns: number) {
		const order = pages.flatMap((page) => page.columns.flat());
		expect(order).toEqual(heights.map((_, index) => index));
		for (const page of pages) expect(page.columns.length).toBeLessThanOrEqual(columns);
	}

	it('keeps every entry whole and in order across pages', () => {
		const heights = Array.from({ length: 300 }, (_, i) => 12 + (i % 4) * 11);
		const pages = packColumns(heights, { columns: 2, firstHeight: 200, pageHeight: 700 });
		check(heights, pages, 2);
		pages.forEach((page, index) => {
			const limit = index === 0 ? 200 : 700;
			for (const column of page.columns) {
				expect(column.reduce((sum, i) => sum + (heights[i] ?? 0), 0)).toBeLessThanOrEqual(limit);
			}
		});
	});

	it('balances the columns on the page where the list ends', () => {
		const heights = Array.from({ length: 10 }, () => 20);
		const [page] = packColumns(heights, { columns: 2, firstHeight: 700, pageHeight: 700 });
		expect(page?.columns.map((column) => column.length)).toEqual([5, 5]);
	});

	it('starts on the next page when not even the first entry fits', () => {
		const pages = packColumns([30, 30], { columns: 2, firstHeight: 10, pageHeight: 700 });
		expect(pages[0]?.columns).toEqual([]);
		expect(pages[1]?.columns.flat()).toEqual([0, 1]);
	});

	it('gives an entry taller than a column a column of its own', () => {
		const heights = [20, 900, 20];
		const pages = packColumns(heights, { columns: 2, firstHeight: 700, pageHeight: 700 });
		check(heights, pages, 2);
	});
});

describe('scripts, fonts and direction', () => {
	it.each([
		['A', 'serif'],
		['Ө', 'serif'],
		['ü', 'serif'],
		['ش', 'arabic'],
		['۱', 'arabic'],
		['한', 'korean'],
		['の', 'japanese']
	] as const)('%s is set in the %s family', (char, family) => {
		expect(familyForCodePoint(char.codePointAt(0) ?? 0, 'chinese')).toBe(family);
	});

	it.each([
		['在日モンゴル人協会', null, 'japanese'],
		['民主协会', null, 'chinese'],
		['民主協会', 'japanese', 'japanese'],
		['한국 民主', null, 'korean']
	] as const)('Han in %s follows %s to %s', (text, fallback, expected) => {
		expect(hanPreferenceOfText(text, fallback)).toBe(expected);
	});

	it.each([
		['en', 'ltr'],
		['fa-AF', 'rtl'],
		['prs', 'rtl'],
		['ar', 'rtl'],
		['az-Arab', 'rtl'],
		['mn', 'ltr'],
		['mn-Mong', 'ltr'],
		['he', 'rtl'],
		['dv', 'rtl'],
		['syr', 'rtl'],
		['ja', 'ltr']
	] as const)('%s is written %s', (language, direction) => {
		expect(directionOf(language)).toBe(direction);
	});

	function line(text: string, direction: Direction, isolate = false): string[] {
		const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		doc.addPage();
		const ctx = createTextContext(doc, direction, null);
		const [first] = layoutText(ctx, [{ text, isolate }], { size: 10, color: '#000' }, 10_000);
		return first?.pieces.map((piece) => piece.text) ?? [];
	}

	it.each([
		// Visual order, left to right. RTL runs stay in logical order: fontkit shapes
		// and reverses them whole (so their letters join).
		['Kabul Women’s Network شبکه زنان کابل, Afghanistan', 'ltr', ['Kabul Women’s Network ', 'شبکه زنان کابل', ', Afghanistan']],
		['انجمن زنان, Afghanistan', 'ltr', ['انجمن زنان', ', Afghanistan']],
		// In a right-to-left line the Latin name comes last, i.e. leftmost.
		['کانون Free Press', 'rtl', ['Free Press', ' ', 'کانون']],
		// Persian digits read left to right: HarfBuzz shapes each piece in its own
		// direction, so the pieces keep their logical text.
		['ثور ۱۴۰۳', 'rtl', ['۱۴۰۳', 'ثور ']],
		// A marker "1." in a right-to-left list shows as ".1".
		['1.', 'rtl', ['.', '1']]
	] as const)('%s (%s) is drawn as %j', (text, direction, pieces) => {
		expect(line(text, direction)).toEqual(pieces);
	});

	it('mirrors brackets in right-to-left text (HarfBuzz draws "(" as ")")', () => {
		const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		doc.addPage();
		const [only] = layoutText(createTextContext(doc, 'rtl', null), [{ text: 'حمایت (گزارش)' }], { size: 10, color: '#000' }, 400);
		const piece = only?.pieces[0];
		expect(only?.pieces).toHaveLength(1);
		const open = harfBuzzShape(piece!.face, '(', false)[0]?.glyph;
		const close = harfBuzzShape(piece!.face, ')', false)[0]?.glyph;
		const ids = glyphIdsOf(piece!.shaped!);
		// Visual order, left to right: the closing bracket, last in logical order, is
		// drawn at the left end as "(", and the opening one, seventh from the right, as ")".
		expect(ids[0]).toBe(open);
		expect(ids[ids.length - 7]).toBe(close);
	});

	it('layout wraps long text within the width and keeps every character', () => {
		const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		doc.addPage();
		const ctx = createTextContext(doc, 'ltr', 'japanese');
		const text = 'Föreningen för Demokrati i Mongoliet och 在日モンゴル人民主協会の会員 '.repeat(6).trim();
		const lines = layoutText(ctx, [{ text }], { size: 10, color: '#000' }, 200);
		expect(lines.length).toBeGreaterThan(3);
		for (const wrapped of lines) expect(wrapped.width).toBeLessThanOrEqual(200.01);
		expect(lines.map(lineText).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
	});
});

describe('line breaking in scripts without spaces or with stacked marks', () => {
	function lines(text: string, width: number): string[] {
		const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		doc.addPage();
		return layoutText(createTextContext(doc, 'ltr', null), [{ text }], { size: 10, color: '#000' }, width).map(lineText);
	}

	it('breaks Thai between dictionary words', () => {
		const text = 'มูลนิธิศักยภาพชุมชนและสิทธิมนุษยชน'.repeat(3);
		const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.segment);
		const wrapped = lines(text, 90);
		expect(wrapped.length).toBeGreaterThan(1);
		expect(wrapped.join('')).toBe(text);
		// Every line starts at a word boundary.
		const starts = new Set<number>();
		let offset = 0;
		for (const word of words) {
			starts.add(offset);
			offset += word.length;
		}
		let position = 0;
		for (const line of wrapped) {
			expect(starts.has(position)).toBe(true);
			position += line.length;
		}
	});

	it('splits a word wider than the line between grapheme clusters, never before a mark', () => {
		const text = 'क्षत्रियमानवाधिकारसंगठनश्रीनेपाल'.repeat(4);
		const wrapped = lines(text, 60);
		expect(wrapped.length).toBeGreaterThan(2);
		expect(wrapped.join('')).toBe(text);
		for (const line of wrapped) expect(line).not.toMatch(/^[\p{M}\u094d]/u);
	});
});
