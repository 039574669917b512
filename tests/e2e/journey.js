import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { screenshot } from './lib/browser.js';
import { codeIn, linkIn } from './lib/mailbox.js';

/** What sign-in answers for a wrong password (src/lib/server/auth/sign-in.ts). */
const WRONG_CREDENTIALS = 'That e-mail address and password do not match an account.';

/**
 * @typedef {object} JourneyOptions
 * @property {import('playwright-core').Browser} browser
 * @property {import('./lib/mailbox.js').Mailbox} mailbox
 * @property {string} origin          the app's ORIGIN
 * @property {boolean} javaScript     run the browser with JavaScript on or off
 * @property {'code' | 'link'} confirmBy how the owner confirms their address
 */

/**
 * Runs the steps in order as subtests of `t`; once one fails, the rest are
 * reported as skipped, and a screenshot of the failing page is saved.
 * @param {import('node:test').TestContext} t
 * @param {() => import('playwright-core').Page | undefined} currentPage
 * @param {string} tag
 */
function stepper(t, currentPage, tag) {
	let broken = false;
	let n = 0;
	/**
	 * @param {string} name
	 * @param {() => Promise<void>} fn
	 */
	const step = async (name, fn) => {
		n += 1;
		const number = String(n).padStart(2, '0');
		await t.test(name, { skip: broken ? 'an earlier step failed' : false }, async () => {
			try {
				await fn();
			} catch (error) {
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

/** Something no other run uses, for e-mail addresses and names. */
function unique() {
	return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * A new browser context (no cookies), failing on uncaught page errors and
 * noting console errors (e.g. CSP refusals) for the report.
 * @param {JourneyOptions} options
 * @param {import('node:test').TestContext} t
 */
async function newContext(options, t) {
	const context = await options.browser.newContext({ javaScriptEnabled: options.javaScript, baseURL: options.origin });
	context.setDefaultTimeout(15_000);
	context.setDefaultNavigationTimeout(20_000);
	/** @type {string[]} */
	const pageErrors = [];
	context.on('page', (page) => {
		page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
		page.on('console', (message) => {
			// A refused form answers 4xx by design; anything else (a CSP refusal, a
			// script error) is worth a line in the report.
			const text = message.text();
			if (message.type() === 'error' && !/status of 4\d\d/.test(text)) t.diagnostic(`console error on ${page.url()}: ${text}`);
		});
	});
	return { context, pageErrors };
}

/**
 * The journey of SECURITY.md's account and organisation promises, as a person
 * does it: sign up, confirm by mail, sign in (after a wrong password), create an
 * organisation, invite someone, and that person joins through the mail.
 * @param {import('node:test').TestContext} t
 * @param {JourneyOptions} options
 * @returns {Promise<boolean>} whether every step passed (a failed step fails `t` already)
 */
export async function organisationJourney(t, options) {
	const mode = options.javaScript ? 'js' : 'nojs';
	const id = unique();
	const owner = {
		name: `Owner ${mode} ${id}`,
		email: `owner.${mode}.${id}@example.org`,
		password: `violet lantern ${id} harbour`
	};
	const invitee = {
		name: `Invitee ${mode} ${id}`,
		email: `invitee.${mode}.${id}@example.org`,
		password: `quiet meadow ${id} lighthouse`
	};
	const organisationName = `Steppe Voices ${mode} ${id}`;
	let invitationLink = '';
	let organisationPath = '';

	const ownerSide = await newContext(options, t);
	const inviteeSide = await newContext(options, t);
	const page = await ownerSide.context.newPage();
	/** @type {import('playwright-core').Page | undefined} */
	let inviteePage;
	/** @type {import('playwright-core').Page} */
	let current = page;
	const { step, failed } = stepper(t, () => current, mode);
	try {
		await step('sign up with name, e-mail and password', async () => {
			await page.goto('/');
			await page.locator('main').getByRole('link', { name: 'Create an account' }).click();
			await page.waitForURL('**/sign-up');
			await page.getByLabel('Your name').fill(owner.name);
			await page.getByLabel('E-mail address').fill(owner.email);
			await page.getByLabel('Password').fill(owner.password);
			await page.getByRole('button', { name: 'Create account', exact: true }).click();
			await page.waitForURL('**/verify-email');
			await page.getByRole('heading', { name: 'Confirm your e-mail address' }).waitFor();
			await screenshot(page, `${mode}-01-verify-email`);
		});

		await step(`confirm the address by the mail's ${options.confirmBy}`, async () => {
			const mail = await options.mailbox.waitFor({ to: owner.email, subject: 'Confirm your e-mail address' });
			assert.ok(mail.text.includes(owner.name), 'the mail greets the person by name');
			if (options.confirmBy === 'code') {
				const code = codeIn(mail);
				assert.match(code, /^[A-Z0-9-]{8,9}$/, 'an 8-character code');
				await page.getByLabel('Code from the mail').fill(code);
				await page.getByRole('button', { name: 'Confirm', exact: true }).click();
			} else {
				const link = linkIn(mail, '/verify-email/');
				assert.ok(link.startsWith(`${options.origin}/verify-email/`), `the link uses ORIGIN: ${link}`);
				await page.goto(link);
				await page.getByText(`Confirm that ${owner.email} is your address.`).waitFor();
				await screenshot(page, `${mode}-02-confirm-link`);
				await page.getByRole('button', { name: 'Confirm my address' }).click();
			}
			await page.waitForURL('**/organisations?confirmed=1');
			await page.getByText('Your e-mail address is confirmed.').waitFor();
		});

		await step('sign out', async () => {
			await page.getByRole('button', { name: 'Sign out' }).click();
			await page.waitForURL((url) => url.pathname === '/');
			await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
		});

		await step('a wrong password is refused and the typed e-mail is kept', async () => {
			await page.locator('header').getByRole('link', { name: 'Sign in' }).click();
			await page.waitForURL('**/sign-in');
			await page.getByLabel('E-mail address').fill(owner.email);
			await page.getByLabel('Password').fill(`${owner.password} typo`);
			await page.getByRole('button', { name: 'Sign in', exact: true }).click();
			await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
			assert.equal(await page.getByLabel('E-mail address').inputValue(), owner.email);
			assert.equal(new URL(page.url()).pathname, '/sign-in');
			await screenshot(page, `${mode}-03-wrong-password`);
		});

		await step('sign in with the right password', async () => {
			await page.getByLabel('Password').fill(owner.password);
			await page.getByRole('button', { name: 'Sign in', exact: true }).click();
			await page.waitForURL((url) => url.pathname === '/');
			await page.getByRole('link', { name: 'Go to my organisations' }).waitFor();
		});

		await step('create an organisation', async () => {
			await page.getByRole('link', { name: 'Go to my organisations' }).click();
			await page.waitForURL('**/organisations');
			await page.getByRole('link', { name: 'Create an organisation' }).click();
			await page.waitForURL('**/organisations/new');
			await page.getByLabel('Name', { exact: true }).fill(organisationName);
			await page.getByLabel('Country').selectOption({ label: 'Mongolia' });
			await page.getByLabel('City (optional)').fill('Ulaanbaatar');
			await screenshot(page, `${mode}-04-new-organisation`);
			await page.getByRole('button', { name: 'Create organisation' }).click();
			await page.waitForURL(/\/organisations\/[^/?]+\?created=1$/);
			organisationPath = new URL(page.url()).pathname;
			await page.getByRole('heading', { level: 1, name: organisationName }).waitFor();
			await page.getByText('Ulaanbaatar, Mongolia').waitFor();
		});

		await step('invite a member by e-mail as signatory', async () => {
			const form = page.getByRole('form', { name: 'Invite someone' });
			await form.getByLabel('E-mail address').fill(invitee.email);
			await form.getByLabel('Role', { exact: true }).selectOption('signatory');
			await form.getByRole('button', { name: 'Send invitation' }).click();
			await page.getByText(`${invitee.email} · Signatory`).waitFor();
			await screenshot(page, `${mode}-05-invited`);
			const mail = await options.mailbox.waitFor({ to: invitee.email, subject: `Join ${organisationName}` });
			assert.ok(mail.text.includes(owner.name), 'the mail names who invites');
			invitationLink = linkIn(mail, '/invitations/');
		});

		await step('the invitee opens the link and creates an account through it', async () => {
			inviteePage = await inviteeSide.context.newPage();
			current = inviteePage;
			await inviteePage.goto(invitationLink);
			const card = inviteePage.locator('main');
			await card.getByText(organisationName).waitFor();
			await card.getByText('Signatory').waitFor();
			await screenshot(inviteePage, `${mode}-06-invitation`);
			await card.getByRole('link', { name: 'Create an account' }).click();
			await inviteePage.waitForURL((url) => url.pathname === '/sign-up' && url.searchParams.has('invitation'));
			assert.equal(await inviteePage.getByLabel('E-mail address').inputValue(), invitee.email, 'the invited address is filled in');
			await inviteePage.getByLabel('Your name').fill(invitee.name);
			await inviteePage.getByLabel('Password').fill(invitee.password);
			await inviteePage.getByRole('button', { name: 'Create account', exact: true }).click();
			await inviteePage.waitForURL((url) => url.pathname === organisationPath && url.searchParams.get('welcome') === '1');
		});

		await step('the invitee sees the organisation and themselves as signatory', async () => {
			assert.ok(inviteePage);
			await inviteePage.getByText('Welcome! You are now a member of this organisation.').waitFor();
			await inviteePage.getByRole('heading', { level: 1, name: organisationName }).waitFor();
			const row = inviteePage.getByRole('row').filter({ hasText: invitee.name });
			await row.waitFor();
			const text = (await row.innerText()).replace(/\s+/g, ' ');
			assert.ok(text.includes('(you)'), `marked as "you": ${text}`);
			assert.ok(text.includes('Signatory'), `listed as signatory: ${text}`);
			await inviteePage.getByRole('row').filter({ hasText: owner.name }).waitFor();
			await screenshot(inviteePage, `${mode}-07-welcome`);
		});

		await step('the owner now sees the invitee as a member and no waiting invitation', async () => {
			current = page;
			// goto, not reload: without JavaScript the page is the answer to a POST,
			// and reloading it would send the invitation again.
			await page.goto(organisationPath);
			await page.getByRole('row').filter({ hasText: invitee.name }).waitFor();
			assert.equal(await page.getByText(`${invitee.email} · Signatory`).count(), 0, 'the invitation is no longer waiting');
		});

		assert.deepEqual(ownerSide.pageErrors.concat(inviteeSide.pageErrors), [], 'no uncaught errors in the pages');
		return !failed();
	} finally {
		await ownerSide.context.close();
		await inviteeSide.context.close();
	}
}
