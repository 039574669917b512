import assert from 'node:assert/strict';
import type { Page } from '@playwright/test';
import { createOrganisation, note, screenshot, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 10: no page scrolls sideways on a 390 px phone, even with a long
 * organisation name and a long unbroken word in the letter (German compounds, URLs).
 * Each main page is opened at 390×844, checked and screenshotted. The check runs in
 * the page, so only with JavaScript; the server renders the same markup without it.
 */

/** How wide the page is against the window (`scrollWidth` may not exceed `clientWidth`), and what sticks out. */
async function sidewaysOverflow(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		// The elements that stick out, to say in the failure where to look.
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 1)
			.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`);
		return { scrollWidth: root.scrollWidth, clientWidth: width, wide: [...new Set(wide)].slice(0, 8) };
	});
}

test('no page scrolls sideways at 390 px, even with long names and long words', async ({ newSide, mailbox, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'the width is measured in the page, which needs JavaScript; the markup is the same without it');
	test.setTimeout(5 * 60_000);
	const id = unique();
	const person = { name: `Narrow ${id}`, email: `narrow.${id}@example.org`, password: `narrow lantern ${id} reed` };
	const longWord = `Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft${id}`;
	const organisation = `Internationale Menschenrechtsbeobachtungsvereinigung für Versammlungsfreiheit und Zivilgesellschaftsentwicklung ${id}`;
	const coalition = `Koalition ${longWord}`;
	const title = `Offener Brief ${longWord}`;
	const page = await (await newSide({ viewport: { width: 390, height: 844 } })).context.newPage();
	const wide: string[] = [];

	/** Opens `url` (unless already there), checks the page fits and screenshots it. */
	async function check(name: string, url?: string) {
		if (url) await visit(page, url);
		await screenshot(page, `narrow-${name}`);
		const { scrollWidth, clientWidth, wide: elements } = await sidewaysOverflow(page);
		if (scrollWidth > clientWidth) wide.push(`${name} (${page.url()}) is ${scrollWidth}px wide on a ${clientWidth}px phone; wider: ${elements.join(', ')}`);
	}

	await test.step('signed out: start, sign-in and sign-up pages', async () => {
		await check('start-signed-out', '/');
		await check('sign-in', '/sign-in');
		await check('sign-up', '/sign-up');
	});

	let organisationPath = '';
	let coalitionPath = '';
	let letterPath = '';
	await test.step('one person with an organisation, a coalition and a draft letter, all through the UI', async () => {
		await signUpAndConfirm(page, mailbox, person);
		organisationPath = await createOrganisation(page, { name: organisation, city: 'Ulaanbaatar' });
		coalitionPath = await startCoalition(page, { name: coalition, organisation, description: `Wir schreiben über ${longWord}.` });
		await visit(page, `${coalitionPath}/letters/new`);
		await check('new-letter');
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Addressees').fill(`An den ${longWord}`);
		await page.getByLabel('Text', { exact: true }).fill(`Wir bitten um ${longWord}.\n\nSiehe https://example.org/${longWord}/${longWord}`);
		await page.getByLabel('Closing').fill('Hochachtungsvoll');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
		// A recipient, so that the recipients page shows its table with a long name in it.
		await visit(page, `${letterPath}/recipients`);
		const add = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Add a recipient' }) });
		await add.getByLabel('Name', { exact: true }).fill(`Bundesministerium für ${longWord}`);
		await add.getByLabel('Organisation (optional)').fill(organisation);
		await add.getByLabel('E-mail address (optional)').fill(`poststelle.${longWord.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`);
		await add.getByRole('button', { name: 'Add recipient' }).click();
		await page.getByRole('heading', { name: 'Recipients (1)' }).waitFor();
	});

	await test.step('signed in: every main page', async () => {
		await check('start-signed-in', '/');
		await check('organisations', '/organisations');
		await check('organisation', organisationPath);
		await check('organisation-edit', `${organisationPath}/edit`);
		await check('coalitions', '/coalitions');
		await check('coalition', coalitionPath);
		await check('letter', letterPath);
		for (const part of ['edit', 'history', 'audit', 'signing', 'signatories', 'publish', 'recipients', 'settings']) {
			await check(`letter-${part}`, `${letterPath}/${part}`);
		}
		await check('account', '/account');
		await check('account-two-factor', '/account/two-factor');
	});

	await test.step('the preview PDF is a file, not a page: it has no width to check', async () => {
		await visit(page, `${letterPath}/edit`);
		const href = await page.getByRole('link', { name: 'Preview the PDF' }).getAttribute('href');
		assert.ok(href, 'the edit page links to a PDF preview');
		const response = await page.request.get(href);
		assert.equal(response.headers()['content-type'], 'application/pdf', `${href} answers with a PDF`);
		note(`preview PDF ${href}: a PDF (the browser's viewer shows it), so no page width is checked`);
	});

	assert.deepEqual(wide, [], 'pages that scroll sideways at 390 px');
});
