import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../src/lib/server/links';

describe('safeRedirect (AU9)', () => {
	it.each([
		['/organisations', '/organisations'],
		['/organisations/abc?tab=members#invite', '/organisations/abc?tab=members#invite'],
		['/invitations/tok', '/invitations/tok'],
		['/letters/abc/sign?lang=mn', '/letters/abc/sign?lang=mn'],
		['/letters/./abc', '/letters/abc'],
		['/letters/x/../abc', '/letters/abc'],
		['/organisations?q=%D0%90', '/organisations?q=%D0%90']
	])('keeps the same-origin path %s', (input, expected) => {
		expect(safeRedirect(input)).toBe(expected);
	});

	it.each([
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/%2F%2Fevil.example',
		'/%2f%2fevil.example',
		'/%252F%252Fevil.example',
		'%2F%2Fevil.example',
		'/%5Cevil.example',
		'/%5C%5Cevil.example',
		'/..//evil.example',
		'/../..//evil.example',
		'/.//evil.example',
		'/./\\evil.example',
		'/a/../..//evil.example',
		'/%2E%2E//evil.example',
		'/%2e//evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		' //evil.example',
		'/%09/evil.example',
		'/%0A/evil.example',
		'/%0d%0aSet-Cookie:x',
		'https:evil.example',
		'https://evil.example/',
		'https:/evil.example',
		'HTTPS://evil.example',
		'http:\\\\evil.example',
		'evil.example',
		'javascript:alert(1)',
		'data:text/html,x',
		'/\uFF0Fevil.example',
		'/\uFF3Cevil.example',
		'/\u2215evil.example',
		'/\u2044evil.example',
		'/%EF%BC%8Fevil.example',
		'/\u0000/evil.example',
		'/%00',
		'/\u0085/evil.example',
		'/%',
		'',
		null,
		undefined,
		42,
		['/a'],
		'/' + 'a'.repeat(3000)
	])('sends %j home', (input) => {
		expect(safeRedirect(input)).toBe('/');
	});

	it('keeps a given fallback', () => {
		expect(safeRedirect('//evil.example', '/organisations')).toBe('/organisations');
	});
});
