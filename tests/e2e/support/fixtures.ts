import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { codeIn, Mailbox } from './mailbox';

/*
 * What every journey uses: `test` with a mailbox (the mail capture's messages) and
 * `newSide` (a browser context per person, closed after the test), and helpers that
 * set up people and organisations through the UI the way a person would.
 */

export type Person = { name: string; email: string; password: string };

/** One person's browser: a context without cookies, and what went wrong in its pages. */
export type Side = { context: BrowserContext; pageErrors: string[]; dialogs: string[] };

type Fixtures = {
	/** The mail the app sent over SMTP to the mail capture. */
	mailbox: Mailbox;
	/** The app's ORIGIN, as in the links of its mails. */
	origin: string;
	/**
	 * A new browser context (no cookies; the project's JavaScript setting) that notes
	 * uncaught page errors and dialogs (alert, confirm, prompt: dismissed and
	 * recorded), and notes console errors in the report. Closed after the test.
	 */
	newSide: (extra?: BrowserContextOptions) => Promise<Side>;
};

export const test = base.extend<Fixtures>({
	// Playwright reads a fixture's dependencies from its first parameter's pattern.
	// eslint-disable-next-line no-empty-pattern
	mailbox: async ({}, use) => {
		const url = process.env.E2E_MAIL_URL;
		if (!url) throw new Error('E2E_MAIL_URL is not set: run the browser tests with `npm run test:e2e`.');
		await use(new Mailbox(url));
	},
	origin: async ({ baseURL }, use) => {
		if (!baseURL) throw new Error('baseURL is not set (playwright.config.ts)');
		await use(baseURL);
	},
	newSide: async ({ browser, javaScriptEnabled, baseURL }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (extra = {}) => {
			// Each person comes from an address of their own (the app server reads it from
			// X-Forwarded-For, app-server.js), as people do: per-address limits such as 30
			// codes per 15 minutes would otherwise add up across every journey at once.
			const [x, y, z] = randomBytes(3);
			const extraHTTPHeaders = { 'x-forwarded-for': `10.${x}.${y}.${(z! % 250) + 1}`, ...extra.extraHTTPHeaders };
			const context = await browser.newContext({ javaScriptEnabled, baseURL, ...extra, extraHTTPHeaders });
			contexts.push(context);
			context.setDefaultTimeout(15_000);
			context.setDefaultNavigationTimeout(20_000);
			const side: Side = { context, pageErrors: [], dialogs: [] };
			context.on('page', (page) => {
				page.on('pageerror', (error) => side.pageErrors.push(`${page.url()}: ${error.message}`));
				page.on('dialog', (dialog) => {
					side.dialogs.push(`${page.url()}: ${dialog.type()} "${dialog.message()}"`);
					dialog.dismiss().catch(() => {});
				});
				page.on('console', (message) => {
					// A refused form answers 4xx by design (409 for a conflict); anything else (a
					// CSP refusal, a script error) is worth a line in the report.
					const text = message.text();
					if (message.type() === 'error' && !/status of 4\d\d/.test(text)) note(`console error on ${page.url()}: ${text}`);
				});
			});
			return side;
		});
		for (const context of contexts) await context.close();
	}
});

export { expect } from '@playwright/test';
export { codeIn, linkIn, type ReceivedMail } from './mailbox';

/** Something no other run uses, for e-mail addresses and names. */
export function unique() {
	return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A line for the report: an annotation on the test, and the test's output. */
export function note(text: string) {
	test.info().annotations.push({ type: 'note', description: text });
	console.log(`note: ${text}`);
}

/** Saves a full-page screenshot as NAME.png in the test's output folder (test-results/). */
export async function screenshot(page: Page, name: string) {
	const file = test.info().outputPath(`${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** How wide the page is against the window (`scrollWidth` may not exceed `clientWidth`), and what sticks out. */
export async function sidewaysOverflow(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		// The elements that stick out, to say in the failure where to look.
		// A right-to-left page sticks out on the left.
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.right > width + 1 || box.left < -1;
			})
			.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`);
		return { scrollWidth: root.scrollWidth, clientWidth: width, wide: [...new Set(wide)].slice(0, 8) };
	});
}

/**
 * Issue 13's closing line, for the page as it is: at 1280 and then 390 px a
 * screenshot (NAME-WIDTH.png), the width, and axe's serious and critical violations
 * (the milder ones go into the report). Problems are added to `problems` when given,
 * so that one run names every page at fault; otherwise the first one fails the test.
 * Axe runs inside the page, which a context without JavaScript cannot do (it waits
 * forever), so without JavaScript only the screenshots are taken: the server renders
 * the same markup, which the run with JavaScript checks. Ends at 1280 px.
 */
export async function checkPage(page: Page, name: string, javaScriptEnabled: boolean, problems?: string[]) {
	const found: string[] = [];
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
		await screenshot(page, `${name}-${width}`);
		if (!javaScriptEnabled) continue;
		const { scrollWidth, clientWidth, wide } = await sidewaysOverflow(page);
		if (scrollWidth > clientWidth) found.push(`${name} (${page.url()}) is ${scrollWidth}px wide on a ${clientWidth}px screen; wider: ${wide.join(', ')}`);
		const { violations } = await new AxeBuilder({ page }).analyze();
		for (const v of violations) {
			const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
			if (v.impact === 'serious' || v.impact === 'critical') found.push(`${name} at ${width}px: axe ${v.impact} ${v.id}: ${where}`);
			else note(`${name} at ${width}px: axe ${v.impact} ${v.id}: ${where}`);
		}
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	if (problems) problems.push(...found);
	else assert.deepEqual(found, [], `${name}: serious accessibility or layout problems`);
}

/**
 * Takes a screenshot at phone size (390×844) and puts the viewport back; notes in
 * the report when the page is wider than the phone (it scrolls sideways).
 */
export async function phoneScreenshot(page: Page, name: string) {
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
			note(`${name}: the page is ${overflow.scrollWidth}px wide on a ${overflow.width}px phone (${file}); wider elements: ${overflow.wide.join(', ')}`);
		}
		return file;
	} finally {
		if (before) await page.setViewportSize(before);
	}
}

/**
 * Opens `url` and waits until the network is quiet, so that with JavaScript on the
 * page has hydrated before anything is typed. People start typing after the page
 * has settled; a test typing within milliseconds would otherwise race hydration.
 */
export async function visit(page: Page, url: string) {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}

/**
 * Signs up through /sign-up and confirms the address with the mailed code; the
 * page ends on /organisations, signed in.
 */
export async function signUpAndConfirm(page: Page, mailbox: Mailbox, person: Person) {
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
 */
export async function createOrganisation(page: Page, { name, country = 'Mongolia', city }: { name: string; country?: string; city?: string }) {
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
 */
export async function startCoalition(page: Page, { name, organisation, description }: { name: string; organisation: string; description?: string }) {
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
 * The PDF's text as poppler's pdftotext extracts it, with runs of white space (line
 * breaks where the layout wrapped) made single spaces.
 */
export function pdfText(file: string) {
	const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	return { raw, flat: raw.replace(/\s+/g, ' ') };
}

/**
 * Issue 14: what a translated page still says in English. The words (three letters or
 * more, Latin script) of the interface's own text: headings, labels, buttons, links,
 * table heads, legends, summaries, messages. What people wrote is left out: elements
 * with a `lang` of their own or `translate="no"`, names in <bdi>, the letter itself,
 * code, form values, and options marked `data-quotes` (they quote the letter, or an
 * English letter's date). Names a message quotes inside its own sentence ("Remove
 * Sarangerel") cannot be isolated there, so the test passes what its people typed as
 * `typed`, and those words are not counted. Run on a page in a language not written
 * in Latin script.
 */
export async function englishLeft(page: Page, typed: string[] = []): Promise<string[]> {
	const allowed = [...SAME_EVERYWHERE, ...typed.flatMap((text) => text.match(/[A-Za-z][A-Za-z0-9'’-]{2,}/g) ?? [])];
	return page.evaluate((sameEverywhere) => {
		const chrome = 'h1, h2, h3, label, button, a, th, legend, summary, p, li, dt, dd, td, caption, option, [role=status], [role=alert]';
		const skip = 'bdi, [translate=no], [data-quotes], .letter-paper, code, pre, script, style, textarea, kbd, samp, time[datetime]';
		const words = new Set<string>();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || !parent.closest(chrome) || parent.closest(skip)) continue;
			const withLang = parent.closest('[lang]');
			if (withLang && withLang !== document.documentElement) continue;
			// Addresses and e-mail addresses are not words of the interface.
			const text = (node.textContent ?? '').replace(/\S+@\S+|https?:\/\/\S+|\b[\w-]+\.(org|com|net|example)\b\S*/g, '');
			// A token with digits (argon2id, SHA-256) is a technical name, the same everywhere.
			for (const word of text.match(/[A-Za-z][A-Za-z0-9'’-]{2,}/g) ?? []) if (!/\d/.test(word) && !sameEverywhere.includes(word)) words.add(word);
		}
		for (const field of document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]')) {
			for (const value of [field.getAttribute('placeholder'), field.getAttribute('aria-label'), field.getAttribute('title')]) {
				for (const word of value?.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []) if (!sameEverywhere.includes(word) && !field.closest('bdi, [translate=no]')) words.add(word);
			}
		}
		return [...words];
	}, allowed);
}

/** Words that are the same in every language: the product, technical names, protocols. */
const SAME_EVERYWHERE = ['Undersigned', 'PDF', 'CSV', 'SHA', 'UTC', 'TOTP', 'URL', 'DNS', 'TXT', 'HTML', 'Markdown', 'https', 'http', 'English', 'Svenska', 'Монгол', 'Русский'];
