import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { familyForCodePoint, hanPreferenceFor, hanPreferenceForCountry, loadedFaces } from '../../src/lib/server/pdf/fonts';
import { createTextContext, layoutText } from '../../src/lib/server/pdf/text-layout';

describe('letter fonts', () => {
	it('parses a font only when a letter needs it', () => {
		// Test files may share a process: look only at what these layouts add.
		const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		doc.addPage();
		const ctx = createTextContext(doc, 'ltr', null);
		const before = new Set(loadedFaces());
		const added = () => loadedFaces().filter((face) => !before.has(face));
		layoutText(ctx, [{ text: 'Föreningen för Demokrati i Mongoliet, «Өөрчлөлт»' }], { size: 10, color: '#000' }, 400);
		expect(added().every((face) => face.startsWith('serif-'))).toBe(true);
		layoutText(ctx, [{ text: 'नेपाल मानव अधिकार आयोग' }], { size: 10, color: '#000', bold: true }, 400);
		// The regular face answers which characters the family has; the bold one is
		// shaped by HarfBuzz from its bytes and parsed by fontkit only when drawn.
		expect(loadedFaces()).toContain('devanagari-regular');
		expect(added().every((face) => face.startsWith('serif-') || face === 'devanagari-regular')).toBe(true);
	});

	it.each([
		['zh-TW', 'traditional'],
		['zh-Hant', 'traditional'],
		['zh-HK', 'traditional'],
		['zh-Hant-HK', 'traditional'],
		['yue', 'traditional'],
		['zh', 'chinese'],
		['zh-CN', 'chinese'],
		['zh-Hans-HK', 'chinese'],
		['ja', 'japanese'],
		['ko', 'korean'],
		['en', null]
	] as const)('a letter in %s sets Han characters in the %s font', (language, expected) => {
		expect(hanPreferenceFor(language)).toBe(expected);
	});

	it('gives Taiwan, Hong Kong and Macao Traditional Chinese glyph forms', () => {
		expect(['TW', 'HK', 'MO', 'CN', 'SG'].map(hanPreferenceForCountry)).toEqual(['traditional', 'traditional', 'traditional', 'chinese', 'chinese']);
		// 骨 and 直 are drawn differently in Taiwan's and mainland China's standard forms.
		expect(familyForCodePoint(0x9aa8, 'traditional')).toBe('traditional');
		expect(familyForCodePoint(0x76f4, 'chinese')).toBe('chinese');
	});

	it.each([
		[0x10d0, 'georgian'],
		[0x0531, 'armenian'],
		[0x05d0, 'hebrew'],
		[0x0710, 'syriac'],
		[0x0784, 'thaana'],
		[0x1200, 'ethiopic'],
		[0x0d85, 'sinhala'],
		[0x0f40, 'tibetan'],
		[0x182e, 'mongolian'],
		[0x0684, 'naskh'],
		[0x0628, 'arabic'],
		[0x1f30d, 'emoji']
	] as const)('U+%s is drawn in the %s font', (codePoint, family) => {
		expect(familyForCodePoint(codePoint, 'chinese')).toBe(family);
	});
});
