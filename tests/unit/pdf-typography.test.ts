import { describe, expect, it } from 'vitest';
import { escapeXml, xmpDescriptions } from '../../src/lib/server/pdf/archival-metadata';
import { packColumns } from '../../src/lib/server/pdf/pack-columns';
import { linesOnPage } from '../../src/lib/server/pdf/page-frame';
import { typographicQuotes } from '../../src/lib/server/pdf/typographic-quotes';

describe('widow and orphan control', () => {
	// [lines left in the paragraph, lines that fit on this page, at the top of a page, lines set here]
	const cases: [number, number, boolean, number][] = [
		[5, 10, false, 5],
		[5, 5, false, 5],
		// The last line would be alone at the top of the next page: two go over.
		[5, 4, false, 3],
		[3, 2, false, 0],
		// The first line would be alone at the foot of the page: the paragraph starts on the next.
		[5, 1, false, 0],
		[1, 0, false, 0],
		[2, 1, false, 0],
		[4, 3, false, 2],
		[12, 6, false, 6],
		[7, 6, false, 5],
		// A page too short for the rule still sets what fits.
		[5, 1, true, 1]
	];
	it.each(cases)('%i lines with room for %i (top of page: %s) sets %i here', (remaining, fit, atTop, expected) => {
		const take = linesOnPage(remaining, fit, atTop);
		expect(take).toBe(expected);
		if (take > 0 && take < remaining) {
			expect(take).toBeGreaterThanOrEqual(atTop ? 1 : 2);
			expect(remaining - take).toBeGreaterThanOrEqual(2);
		}
	});
});

describe('typographic quotes in the letter’s language', () => {
	const cases: [string, string, string][] = [
		['en', 'They said "no" to the "reform".', 'They said “no” to the “reform”.'],
		['en', 'The Women\'s Network said \'never\'.', 'The Women’s Network said ‘never’.'],
		['de', 'Sie nannten es "Reform".', 'Sie nannten es „Reform“.'],
		['sv', 'De kallade det "reform".', 'De kallade det ”reform”.'],
		['ru', 'Они назвали это "реформой".', 'Они назвали это «реформой».'],
		['mn', '"Ардчилал" бол өв.', '«Ардчилал» бол өв.'],
		['fr', 'l\'État a dit "non".', 'l’État a dit «non».'],
		['fa-AF', 'آنها گفتند "نه".', 'آنها گفتند «نه».'],
		['ja', '"民主主義"を守る。', '「民主主義」を守る。'],
		['pt-BR', 'Eles disseram "não".', 'Eles disseram “não”.'],
		['pl', 'Nazwali to "reformą".', 'Nazwali to „reformą”.'],
		['en', '("quoted")', '(“quoted”)'],
		['en', 'No quotes at all.', 'No quotes at all.']
	];
	it.each(cases)('in %s: %s', (language, typed, printed) => {
		expect(typographicQuotes([{ text: typed }], language).map((span) => span.text).join('')).toBe(printed);
	});

	it('decides quotes across spans and keeps each span’s style and link', () => {
		const spans = typographicQuotes(
			[{ text: 'See "' }, { text: 'the report', bold: true, href: 'https://example.org' }, { text: '".' }],
			'en'
		);
		expect(spans).toEqual([{ text: 'See “' }, { text: 'the report', bold: true, href: 'https://example.org' }, { text: '”.' }]);
	});
});

describe('the verification block kept with the end of the signatory list', () => {
	it('balances the last page with room left for what follows', () => {
		const heights = Array.from({ length: 10 }, () => 20);
		const pages = packColumns(heights, { columns: 2, firstHeight: 700, pageHeight: 700, tailHeight: 150 });
		expect(pages).toHaveLength(1);
		expect(pages[0]?.columns.map((column) => column.length)).toEqual([5, 5]);
	});

	it('carries the last entries over when what follows would be alone on the next page', () => {
		// 20 entries of 20 fill two columns of 200 exactly: no room for a tail of 150.
		const heights = Array.from({ length: 20 }, () => 20);
		const pages = packColumns(heights, { columns: 2, firstHeight: 200, pageHeight: 700, tailHeight: 150 });
		expect(pages).toHaveLength(2);
		expect(pages[0]?.columns.flat()).toEqual(Array.from({ length: 16 }, (_, i) => i));
		expect(pages[1]?.columns.flat()).toEqual([16, 17, 18, 19]);
	});

	it('changes nothing without a tail', () => {
		const heights = Array.from({ length: 20 }, () => 20);
		const pages = packColumns(heights, { columns: 2, firstHeight: 200, pageHeight: 700 });
		expect(pages).toHaveLength(1);
	});
});

describe('XMP metadata for PDF/A', () => {
	const info = {
		Title: 'Rights & <Freedoms> "now"',
		Author: 'Coalition A&B',
		Subject: 'Open letter',
		Keywords: 'open letter',
		Creator: 'Undersigned',
		Producer: 'Undersigned 0.1.0',
		CreationDate: new Date(Date.UTC(2024, 4, 20, 14, 3, 11, 500)),
		ModDate: new Date(Date.UTC(2024, 4, 20, 14, 3, 11, 500))
	};

	it('escapes what XML cannot hold as typed', () => {
		expect(escapeXml('a & b <c> "d"\u0001')).toBe('a &amp; b &lt;c&gt; &quot;d&quot;');
		const xmp = xmpDescriptions(info, 'en');
		expect(xmp).toContain('<rdf:li xml:lang="x-default">Rights &amp; &lt;Freedoms&gt; &quot;now&quot;</rdf:li>');
		expect(xmp).toContain('<rdf:li>Coalition A&amp;B</rdf:li>');
		expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
	});

	it('dates the metadata at the publication time, to the second, in UTC', () => {
		const xmp = xmpDescriptions(info, 'en');
		expect(xmp).toContain('<xmp:CreateDate>2024-05-20T14:03:11Z</xmp:CreateDate>');
		expect(xmp).toContain('<xmp:ModifyDate>2024-05-20T14:03:11Z</xmp:ModifyDate>');
	});
});
