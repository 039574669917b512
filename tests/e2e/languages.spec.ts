import assert from 'node:assert/strict';
import { checkPage, englishLeft, expect, signUpAndConfirm, test, unique, visit } from './support/fixtures';

/*
 * Issue 14, points 3, 4 and 8: the language a page is in. The browser's
 * Accept-Language chooses it; the switcher on every page changes it without
 * JavaScript, for the pages after it too, and a signed-in person's choice follows
 * them to another browser. Persian pages read right to left. Pages a person reaches
 * before signing in are checked in each language for words left in English.
 */

const LANGUAGES = [
	{ locale: 'mn', lang: 'mn', dir: 'ltr', browser: 'mn-MN' },
	{ locale: 'ja', lang: 'ja', dir: 'ltr', browser: 'ja-JP' },
	{ locale: 'fa', lang: 'fa', dir: 'rtl', browser: 'fa-IR' },
	{ locale: 'prs', lang: 'fa-AF', dir: 'rtl', browser: 'fa-AF' },
	{ locale: 'ru', lang: 'ru', dir: 'ltr', browser: 'ru-RU' },
	{ locale: 'sv', lang: 'sv', dir: 'ltr', browser: 'sv-SE' }
] as const;

/** Pages anyone can open, signed out. */
const PUBLIC_PAGES = ['/', '/sign-in', '/sign-up', '/forgot-password'];

test('the browser’s language, every language on the public pages, and nothing left in English where the script is not Latin', async ({ newSide, javaScriptEnabled }) => {
	const english = await (await newSide({ locale: 'en-GB' })).context.newPage();
	const englishHeadings = new Map<string, string>();
	for (const path of PUBLIC_PAGES) {
		await visit(english, path);
		englishHeadings.set(path, await english.locator('h1').first().innerText());
	}
	for (const { locale, lang, dir, browser } of LANGUAGES) {
		await test.step(`${locale}: a browser asking for ${browser} gets lang="${lang}" dir="${dir}" and translated headings`, async () => {
			const page = await (await newSide({ locale: browser })).context.newPage();
			for (const path of PUBLIC_PAGES) {
				await visit(page, path);
				assert.equal(await page.getAttribute('html', 'lang'), lang, `${path} lang`);
				assert.equal(await page.getAttribute('html', 'dir'), dir, `${path} dir`);
				const heading = await page.locator('h1').first().innerText();
				assert.notEqual(heading, englishHeadings.get(path), `${path}: the heading is translated into ${locale}`);
				if (locale !== 'sv') assert.deepEqual(await englishLeft(page), [], `${path} in ${locale}: words left in English`);
			}
			if (!javaScriptEnabled) return;
			// The browser's own check of an empty required field speaks the page's language.
			await visit(page, '/sign-in');
			await page.locator('form:not([action="/language"]) button[type=submit]').first().click();
			const message = await page.locator('input[name=email]').evaluate((field: HTMLInputElement) => field.validationMessage);
			const expected = { mn: 'Энэ талбарыг бөглөнө үү.', ja: 'この項目を入力してください。', fa: 'لطفاً این بخش را پر کنید.', prs: 'لطفاً این بخش را پر کنید.', ru: 'Заполните это поле.', sv: 'Fyll i det här fältet.' }[locale];
			assert.equal(message, expected, `the browser's complaint in ${locale}`);
		});
	}
});

test('the switcher changes the language without JavaScript, keeps the page, and a signed-in choice follows the person', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const person = { name: `Nasrin ${mode} ${id}`, email: `nasrin.${mode}.${id}@example.org`, password: `saffron river ${id} lamp` };
	const side = await newSide({ locale: 'en-GB' });
	const page = await side.context.newPage();

	await test.step('signed out: choose فارسی on /sign-in; the same page comes back right to left, and the next page too', async () => {
		await visit(page, '/sign-in?redirectTo=%2Forganisations');
		await page.getByLabel('Language').selectOption('fa');
		await page.getByRole('button', { name: 'Change' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
		assert.equal(new URL(page.url()).pathname, '/sign-in');
		assert.equal(new URL(page.url()).searchParams.get('redirectTo'), '/organisations', 'the page’s own query is kept');
		assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
		await checkPage(page, `languages-${mode}-sign-in-fa`, javaScriptEnabled);
		await visit(page, '/sign-up');
		assert.equal(await page.getAttribute('html', 'lang'), 'fa', 'the cookie keeps the choice');
	});

	await test.step('back to English, then sign up; signed in, choosing Русский is saved on the account', async () => {
		await page.locator('select[name=locale]').selectOption('en');
		await page.locator('form[action="/language"] button').click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await signUpAndConfirm(page, mailbox, person);
		await page.getByLabel('Language').selectOption('ru');
		await page.getByRole('button', { name: 'Change' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
		assert.match(new URL(page.url()).pathname, /^\/organisations/);
	});

	await test.step('another browser asking for Swedish: after signing in, the pages are in Russian, the saved choice', async () => {
		const other = await (await newSide({ locale: 'sv-SE' })).context.newPage();
		await visit(other, '/sign-in');
		assert.equal(await other.getAttribute('html', 'lang'), 'sv');
		await other.locator('input[name=email]').fill(person.email);
		await other.locator('input[name=password]').fill(person.password);
		await other.locator('form:not([action="/language"]) button[type=submit]').first().click();
		await expect(other.locator('html')).toHaveAttribute('lang', 'ru');
	});

	await test.step('a forged switcher post: an unknown language changes nothing, an outside address comes back home', async () => {
		const answer = await page.request.post('/language', { form: { locale: 'xx', redirectTo: 'https://evil.example/' }, headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
		assert.equal(answer.status(), 303);
		assert.equal(answer.headers()['location'], '/');
		await visit(page, '/organisations');
		assert.equal(await page.getAttribute('html', 'lang'), 'ru');
		const crossSite = await page.request.post('/language', { form: { locale: 'en' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
		assert.equal(crossSite.status(), 403, 'SvelteKit’s CSRF check refuses a cross-site post');
	});

	assert.deepEqual(side.pageErrors, [], 'no uncaught errors');
});
