import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../src/lib/server/links';

describe('safeRedirect (AU9)', () => {
	it.each([
		['/organisations', '/organisations'],
		['/organisations/abc?tab=members#invite', '/organisations/abc?tab=members#invite'],
		['/invitations/tok', '/invitations/tok']
	])('keeps the same-origin path %s', (input, expected) => {
		expect(safeRedirect(input)).toBe(expected);
	});

	it.each([
		'//evil.example',
		'/\\evil.example',
		'https:evil.example',
		'https://evil.example/',
		'evil.example',
		'javascript:alert(1)',
		'/\t/evil.example',
		'/%0d%0aSet-Cookie:x',
		'',
		null,
		undefined,
		'/' + 'a'.repeat(3000)
	])('sends %j home', (input) => {
		const result = safeRedirect(input);
		expect(result.startsWith('//')).toBe(false);
		expect(result.startsWith('/')).toBe(true);
		if (input !== '/%0d%0aSet-Cookie:x') expect(result).toBe('/');
	});
});
