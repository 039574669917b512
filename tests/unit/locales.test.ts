import { describe, expect, it } from 'vitest';
import { linkInLanguage, localeDirection, negotiateLocale, toInterfaceLocale, intlLocale } from '$lib/i18n/locales';
import { chooseLocale, withLocale } from '$lib/server/i18n/request-locale';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/* Issue 14, point 3: which language a page and a mail are in. */
describe('negotiateLocale (Accept-Language)', () => {
	it.each([
		['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
		['en-US,en;q=0.9', 'en'],
		['de-DE,de;q=0.9,sv;q=0.8,en;q=0.5', 'sv'],
		['fa-IR', 'fa'],
		['fa-AF,fa;q=0.9', 'prs'],
		['prs', 'prs'],
		['mn-MN', 'mn'],
		['mn-Mong-CN', 'mn'],
		['ja;q=0.5, ru;q=0.8', 'ru'],
		['ja;q=0.8, ru;q=0.8', 'ja'],
		['sv;q=0, ja', 'ja'],
		['*', null],
		['de, fr', null],
		['', null],
		['ru;q=abc, ja', 'ja'],
		['ru;q=1.5, ja;q=0.1', 'ja'],
		['\u0000ru, sv', 'sv'],
		[`${'x,'.repeat(1000)}ru`, null]
	])('%# → %s', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});
});

describe('chooseLocale', () => {
	it('a saved preference wins over a mail link, the cookie and the browser', () => {
		expect(chooseLocale({ preference: 'mn', link: 'sv', cookie: 'ja', acceptLanguage: 'ru' })).toBe('mn');
	});
	it('then a mail link, then the cookie, then Accept-Language, then English', () => {
		expect(chooseLocale({ preference: null, link: 'sv', cookie: 'ja', acceptLanguage: 'ru' })).toBe('sv');
		expect(chooseLocale({ preference: null, link: null, cookie: 'ja', acceptLanguage: 'ru' })).toBe('ja');
		expect(chooseLocale({ preference: null, cookie: undefined, acceptLanguage: 'ru' })).toBe('ru');
		expect(chooseLocale({ preference: null, cookie: undefined, acceptLanguage: null })).toBe('en');
	});
	it('ignores values that are not our languages', () => {
		expect(chooseLocale({ preference: 'xx', link: '../../etc', cookie: 'en-XA', acceptLanguage: 'de' })).toBe('en');
		expect(chooseLocale({ preference: 'constructor', link: '__proto__', cookie: 'toString', acceptLanguage: null })).toBe('en');
	});
});

describe('language helpers', () => {
	it('Persian and Dari are right to left, the rest left to right', () => {
		expect(localeDirection('fa')).toBe('rtl');
		expect(localeDirection('prs')).toBe('rtl');
		expect(localeDirection('mn')).toBe('ltr');
	});
	it('Dari is fa-AF for Intl and lang', () => {
		expect(intlLocale('prs')).toBe('fa-AF');
		expect(toInterfaceLocale('fa_AF')).toBe('prs');
		expect(toInterfaceLocale('he')).toBeNull();
	});
	it('a mail link keeps its path, query and token and adds lang', () => {
		expect(linkInLanguage('https://example.org/invitations/abc?x=1#top', 'sv')).toBe('https://example.org/invitations/abc?x=1&ui=sv#top');
		expect(linkInLanguage('/verify/CODE', 'fa')).toBe('/verify/CODE?ui=fa');
		expect(linkInLanguage('/x?ui=ru', 'ja')).toBe('/x?ui=ja');
	});
	it('messages follow the locale a piece of work runs in, English outside', async () => {
		expect(m.nav_sign_in()).toBe('Sign in');
		expect(withLocale('ru', () => m.nav_sign_in())).toBe('Войти');
		expect(await withLocale('sv', async () => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			return `${getLocale()} ${m.nav_sign_in()}`;
		})).toBe('sv Logga in');
		expect(getLocale()).toBe('en');
	});
	it('plural rules per language', () => {
		expect(withLocale('en', () => [1, 2].map((count) => m.nav_needs_you_items({ count })))).toEqual(['item', 'items']);
		expect(withLocale('ru', () => [1, 3, 5, 21].map((count) => m.nav_needs_you_items({ count })))).toEqual(['пункт', 'пункта', 'пунктов', 'пункт']);
	});
});
