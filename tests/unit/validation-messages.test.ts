import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withLocale } from '../../src/lib/server/i18n/request-locale';
import { parseForm, rowId } from '../../src/lib/validation/form';
import { languageChoices, languageName } from '../../src/lib/validation/letter';
import { organisationProfile } from '../../src/lib/validation/organisation';
import { text } from '../../src/lib/validation/text';
import type { Locale } from '../../src/lib/i18n/locales';

/*
 * Issue 14: a refused form speaks the reader's language. The schemas are built once, at
 * module load, in English; each message is read when a value is refused, so it follows
 * the request's locale (withLocale stands in for a request here).
 */
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

const errorsOf = (schema: z.ZodType, fields: Record<string, string>) => {
	const result = parseForm(schema, form(fields));
	if (result.ok) throw new Error('the form was accepted');
	return result.errors;
};

// 'default': no locale set, as outside a request: English.
const inLocale = <T>(locale: Locale | 'default', work: () => T): T => (locale === 'default' ? work() : withLocale(locale, work));

describe('validation messages in the reader’s language', () => {
	it.each([
		['default', 'Name is too long (at most 200 characters).'],
		['ru', 'Поле «Название» слишком длинное (не более 200 символов).'],
		['fa', '«نام» بیش از حد طولانی است (حداکثر ۲۰۰ نویسه).']
	] as const)('a length limit, with its number (%s)', (locale, message) => {
		const errors = inLocale(locale, () => errorsOf(organisationProfile, { displayName: 'x'.repeat(201), country: 'MN' }));
		expect(errors.displayName).toBe(message);
	});

	it.each([
		['default', 'Choose a country.'],
		['ru', 'Выберите страну.'],
		['fa', 'کشوری را انتخاب کنید.']
	] as const)('a missing choice (%s)', (locale, message) => {
		expect(inLocale(locale, () => errorsOf(organisationProfile, { displayName: 'Steppe Circle' })).country).toBe(message);
	});

	it.each([
		['default', 'This field is required.', 'This is too long (at most 10 characters).'],
		['ru', 'Это поле обязательно.', 'Слишком длинно (не более 10 символов).'],
		['fa', 'پر کردن این بخش الزامی است.', 'بیش از حد طولانی است (حداکثر ۱۰ نویسه).']
	] as const)('zod’s own messages, for a field without one of its own (%s)', (locale, missing, tooLong) => {
		const schema = z.object({ id: rowId, note: z.string().max(10) });
		expect(inLocale(locale, () => errorsOf(schema, { note: 'x' })).id).toBe(missing);
		expect(inLocale(locale, () => errorsOf(schema, { id: 'a', note: 'x'.repeat(11) })).note).toBe(tooLong);
	});

	it.each([
		['default', 'Name contains an invisible or zero-width character (U+200B, character 3); please remove it.'],
		['ru', 'Поле «Name» содержит невидимый символ или символ нулевой ширины (U+200B, символ № 3); удалите его.'],
		['fa', '«Name» نویسه‌ای نامرئی یا بی‌عرض دارد (U+200B، نویسهٔ ۳)؛ لطفاً آن را حذف کنید.']
	] as const)('a message built from a label given as a string (%s)', (locale, message) => {
		const name = text({ label: 'Name', max: 20 });
		expect(inLocale(locale, () => name.safeParse('ab\u200Bc').error?.issues[0]?.message)).toBe(message);
	});

	it.each([
		['default', 'This contains a character that cannot be stored'],
		['ru', 'Здесь есть символ, который нельзя сохранить'],
		['fa', 'این متن نویسه‌ای دارد که ذخیره نمی‌شود']
	] as const)('a character that cannot be stored (%s)', (locale, start) => {
		expect(inLocale(locale, () => errorsOf(z.object({ note: z.string() }), { note: 'a\u0000b' })).note).toMatch(new RegExp(`^${start}`));
	});

	it.each([
		['default', 'Swedish', 'Mongolian (traditional script)'],
		['ru', 'шведский', 'монгольский (традиционное письмо)'],
		['fa', 'سوئدی', 'مغولی (خط سنتی)']
	] as const)('language names (%s)', (locale, swedish, mongolianScript) => {
		expect(inLocale(locale, () => [languageName('sv'), languageName('mn-Mong')])).toEqual([swedish, mongolianScript]);
	});

	it('sorts language choices in the interface language and keeps a stored code outside the list', () => {
		const choices = withLocale('ru', () => languageChoices(['en', 'sv', 'de'], 'xx-Test'));
		expect(choices.map((choice) => choice.code)).toEqual(['en', 'de', 'sv', 'xx-Test']);
		expect(choices[0]?.name).toBe('английский');
	});
});
