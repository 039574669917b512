import { randomBytes } from 'node:crypto';
import { screenshot } from './browser.js';
import { codeIn } from './mailbox.js';

/*
 * Helpers shared by the browser journeys after the first one: steps that stop at
 * the first failure, browser contexts that report page errors, and setting up
 * people and organisations through the UI the way a person would.
 */

/**
 * @typedef {object} RunOptions
 * @property {import('playwright-core').Browser} browser
 * @property {import('./mailbox.js').Mailbox} mailbox
 * @property {string} origin          the app's ORIGIN
 * @property {boolean} javaScript     run the browser with JavaScript on or off
 */

/**
 * @typedef {object} Person
 * @property {string} name
 * @property {string} email
 * @property {string} password
 */

/** Something no other run uses, for e-mail addresses and names. */
export function unique() {
	return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Runs steps in order as subtests of `t`; once one fails, the rest are reported
 * as skipped, and a screenshot of the failing page is saved.
 * @param {import('node:test').TestContext} t
 * @param {() => import('playwright-core').Page | undefined} currentPage
 * @param {string} tag prefix of the screenshots' names
 */
export function stepper(t, currentPage, tag) {
	let broken = false;
	let n = 0;
	/**
	 * @param {string} name
	 * @param {() => Promise<void>} fn
	 * @param {{ todo?: string }} [options] todo: a known app bug (reported as TODO, does not stop the steps)
	 */
	const step = async (name, fn, { todo } = {}) => {
		n += 1;
		const number = String(n).padStart(2, '0');
		await t.test(name, { skip: broken ? 'an earlier step failed' : false, todo }, async () => {
			try {
				await fn();
			} catch (error) {
				if (todo) throw error;
				broken = true;
				const page = currentPage();
				if (page && !page.isClosed()) {
					const file = await screenshot(page, `${tag}-${number}-FAILED`).catch(() => undefined);
					if (file) t.diagnostic(`screenshot of the failing page: ${file}; it was at ${page.url()}`);
				}
				throw error;
			}
		});
	};
	return { step, failed: () => broken };
}

/**
 * A new browser context (no cookies) that notes uncaught page errors and dialogs
 * (alert, confirm, prompt: dismissed and recorded), and reports console errors.
 * @param {RunOptions} options
 * @param {import('node:test').TestContext} t
 * @param {import('playwright-core').BrowserContextOptions} [extra] more context options
 */
export async function newContext(options, t, extra = {}) {
	const context = await options.browser.newContext({ javaScriptEnabled: options.javaScript, baseURL: options.origin, ...extra });
	context.setDefaultTimeout(15_000);
	context.setDefaultNavigationTimeout(20_000);
	/** @type {string[]} */
	const pageErrors = [];
	/** @type {string[]} */
	const dialogs = [];
	context.on('page', (page) => {
		page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
		page.on('dialog', (dialog) => {
			dialogs.push(`${page.url()}: ${dialog.type()} "${dialog.message()}"`);
			dialog.dismiss().catch(() => {});
		});
		page.on('console', (message) => {
			// A refused form answers 4xx by design (409 for a conflict); anything else (a
			// CSP refusal, a script error) is worth a line in the report.
			const text = message.text();
			if (message.type() === 'error' && !/status of 4\d\d/.test(text)) t.diagnostic(`console error on ${page.url()}: ${text}`);
		});
	});
	return { context, pageErrors, dialogs };
}

/**
 * Opens `url` and waits until the network is quiet, so that with JavaScript on the
 * page has hydrated before anything is typed: hydration currently empties fields
 * typed into before it (reported; see the todo step in drafting.js). People start
 * typing after the page has settled; a test typing within milliseconds would
 * otherwise fail now and then.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function visit(page, url) {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}

/**
 * Signs up through /sign-up and confirms the address with the mailed code; the
 * page ends on /organisations, signed in.
 * @param {import('playwright-core').Page} page
 * @param {import('./mailbox.js').Mailbox} mailbox
 * @param {Person} person
 */
export async function signUpAndConfirm(page, mailbox, person) {
	await visit(page, '/sign-up');
	await page.getByLabel('Your name').fill(person.name);
	await page.getByLabel('E-mail address').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Create account', exact: true }).click();
	await page.waitForURL('**/verify-email');
	const mail = await mailbox.waitFor({ to: person.email, subject: 'Confirm your e-mail address' });
	await page.getByLabel('Code from the mail').fill(codeIn(mail));
	await page.getByRole('button', { name: 'Confirm', exact: true }).click();
	await page.waitForURL('**/organisations?confirmed=1');
}

/**
 * Creates an organisation through /organisations/new; the signed-in person becomes
 * its owner. Resolves with the organisation's path.
 * @param {import('playwright-core').Page} page
 * @param {{ name: string; country?: string; city?: string }} organisation
 */
export async function createOrganisation(page, { name, country = 'Mongolia', city }) {
	await visit(page, '/organisations/new');
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Country').selectOption({ label: country });
	if (city) await page.getByLabel('City (optional)').fill(city);
	await page.getByRole('button', { name: 'Create organisation' }).click();
	await page.waitForURL(/\/organisations\/[^/?]+\?created=1$/);
	await page.getByRole('heading', { level: 1, name }).waitFor();
	return new URL(page.url()).pathname;
}

/**
 * Starts a coalition through /coalitions/new on behalf of `organisation` (its
 * display name); resolves with the coalition's path.
 * @param {import('playwright-core').Page} page
 * @param {{ name: string; organisation: string; description?: string }} coalition
 */
export async function startCoalition(page, { name, organisation, description }) {
	await visit(page, '/coalitions/new');
	await page.getByLabel('Name of the coalition').fill(name);
	await page.getByLabel('On behalf of').selectOption({ label: organisation });
	if (description) await page.getByLabel('Description (optional)').fill(description);
	await page.getByRole('button', { name: 'Start the coalition' }).click();
	await page.waitForURL((url) => /^\/coalitions\/[^/]+$/.test(url.pathname) && url.pathname !== '/coalitions/new');
	await page.getByRole('heading', { level: 1, name }).waitFor();
	return new URL(page.url()).pathname;
}

/**
 * Takes a screenshot at phone size (390×844) and puts the viewport back; notes in
 * the report when the page is wider than the phone (it scrolls sideways).
 * @param {import('node:test').TestContext} t
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function phoneScreenshot(t, page, name) {
	const before = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	try {
		const file = await screenshot(page, name);
		const overflow = await page.evaluate(() => {
			const width = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > width + 1)
				.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`);
			return { scrollWidth: document.documentElement.scrollWidth, width, wide: [...new Set(wide)].slice(0, 8) };
		});
		if (overflow.scrollWidth > overflow.width) {
			t.diagnostic(`${name}: the page is ${overflow.scrollWidth}px wide on a ${overflow.width}px phone (${file}); wider elements: ${overflow.wide.join(', ')}`);
		}
		return file;
	} finally {
		if (before) await page.setViewportSize(before);
	}
}
