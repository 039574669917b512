import assert from 'node:assert/strict';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Page } from '@playwright/test';
import { createOrganisation, screenshot, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Two-factor sign-in (AU6, AU7, AU8) as a person does it: an owner requires a second
 * factor of everyone who signs for the organisation, is refused when signing without
 * one and told where to turn it on, enrols by the key shown as text (the QR code
 * holds the same key), keeps the recovery codes, signs in again with password and
 * code, and signs the letter confirming with a code from the app. Codes are computed
 * here as an authenticator app would (RFC 6238, 30 s, 6 digits).
 */

const SIGNED_MESSAGE = 'Signed. A receipt is on its way to you and to the owners of your organisation.';

/** The time steps whose code this journey already used: the app accepts a code once per step. */
const usedSteps = new Set<number>();

/**
 * The code an authenticator app shows now, for a step not used before in this journey,
 * with at least eight seconds of the step left (a busy machine takes a while to post
 * it); otherwise it waits for the next step, as a person would.
 */
async function totpCode(keyText: string): Promise<string> {
	for (;;) {
		const now = Date.now();
		const step = Math.floor(now / 30_000);
		const left = (step + 1) * 30_000 - now;
		if (!usedSteps.has(step) && left > 8_000) {
			usedSteps.add(step);
			return generateHOTP(decodeBase32IgnorePadding(keyText), BigInt(step), 6);
		}
		await new Promise((resolve) => setTimeout(resolve, left + 200));
	}
}

/** Opens the sign page and waits for its form (network quiet only briefly: a loaded machine). */
async function openSignPage(page: Page, url: string) {
	await page.goto(url);
	await page.getByRole('button', { name: 'Sign', exact: true }).waitFor();
	await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
}

test('an owner requires a second factor, enrols, signs in with a code and signs with one', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const tag = `two-factor-${mode}`;
	const id = unique();
	const a = { name: `Leyla ${mode} ${id}`, email: `leyla.${mode}.${id}@example.org`, password: `quiet river ${id} lamp` };
	const organisationA = `Exile Voices ${mode} ${id}`;
	const title = `Open letter on safe passage ${mode} ${id}`;
	const first = await newSide();
	const page = await first.context.newPage();
	let organisationPath = '';
	let letterPath = '';
	let key = '';

	await test.step('A signs up, creates an organisation, a coalition and a letter, and opens it for signatures', async () => {
		await signUpAndConfirm(page, mailbox, a);
		organisationPath = await createOrganisation(page, { name: organisationA, country: 'Sweden', city: 'Uppsala' });
		const coalitionPath = await startCoalition(page, { name: `Safe passage ${mode} ${id}`, organisation: organisationA });
		await page.getByRole('link', { name: 'Start a letter' }).click();
		await page.waitForURL((url) => url.pathname === `${coalitionPath}/letters/new`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Addressees').fill('To the Minister of Migration');
		await page.getByLabel('Text', { exact: true }).fill('Dear Minister,\n\nWe ask for safe passage for those at risk.');
		await page.getByLabel('Closing').fill('Respectfully');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
		await visit(page, `${letterPath}/signing`);
		const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Open for signatures' }) });
		await form.getByRole('button', { name: 'Open for signatures' }).click();
		// Issue 13: opening freezes the text, so it asks first (a dialog with JavaScript, a confirm state without).
		await page.getByRole('button', { name: 'Freeze the text and open' }).click();
		await page.getByText('The letter is open for signatures.').waitFor();
	});

	await test.step('A, as owner, requires two-factor sign-in of everyone who signs for the organisation', async () => {
		await visit(page, organisationPath);
		await page.getByRole('link', { name: /^Two-factor sign-in for signers/ }).click();
		await page.waitForURL((url) => url.pathname === `${organisationPath}/second-factor`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Require two-factor sign-in').check();
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByText('From now on, only people with two-factor sign-in can sign for the organisation.').waitFor();
	});

	await test.step('signing without a second factor is refused, with where to turn it on', async () => {
		await openSignPage(page, `${letterPath}/sign`);
		await page.getByRole('button', { name: 'Sign', exact: true }).click();
		await page.getByText(/asks everyone who signs for it to use two-factor sign-in/).waitFor();
		await page.getByText(/\/account\/two-factor/).first().waitFor();
		assert.equal(await page.getByText(SIGNED_MESSAGE).count(), 0);
		await screenshot(page, `${tag}-01-refused`);
	});

	await test.step('A enrols: QR code and key as text, confirms with a code, gets ten recovery codes', async () => {
		await visit(page, '/account');
		await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
		await page.waitForURL((url) => url.pathname === '/account/two-factor');
		await page.waitForLoadState('networkidle');
		await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
		const qr = page.getByRole('img', { name: 'QR code holding the key shown below as text' });
		await qr.waitFor();
		assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;base64,/);
		assert.ok(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), 'the QR code is drawn (the CSP allows it)');
		key = (await page.getByTestId('totp-key').innerText()).trim();
		assert.match(key, /^[A-Z2-7]{32}$/, 'a 160-bit key in base32');
		await screenshot(page, `${tag}-02-enrol`);
		await page.getByLabel('Code from the app').fill(await totpCode(key));
		await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
		const codes = page.getByTestId('recovery-codes').locator('li');
		await codes.first().waitFor();
		assert.equal(await codes.count(), 10, 'ten recovery codes');
		assert.match(await codes.first().innerText(), /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
		await screenshot(page, `${tag}-03-recovery-codes`);
	});

	const second = await newSide();
	const current = await second.context.newPage();

	await test.step('signing in again asks for the code after the password', async () => {
		await first.context.close();
		await visit(current, '/sign-in');
		await current.getByLabel('E-mail address').fill(a.email);
		await current.getByLabel('Password').fill(a.password);
		await current.getByRole('button', { name: 'Sign in' }).click();
		await current.waitForURL((url) => url.pathname === '/sign-in/two-factor');
		await current.waitForLoadState('networkidle');
		await current.getByLabel('Code from your authenticator app').fill('000000');
		await current.getByRole('button', { name: 'Sign in' }).click();
		await current.getByText(/That code is not right/).first().waitFor();
		await current.getByLabel('Code from your authenticator app').fill(await totpCode(key));
		await current.getByRole('button', { name: 'Sign in' }).click();
		await current.waitForURL((url) => url.pathname !== '/sign-in/two-factor');
		await visit(current, '/account');
		await current.getByText('On: signing in asks for a code from your authenticator app.').waitFor();
	});

	await test.step('A signs for the organisation, confirming with a code from the app', async () => {
		await openSignPage(current, `${letterPath}/sign`);
		await current.getByLabel(/^Your password/).fill(await totpCode(key));
		await current.getByRole('button', { name: 'Sign', exact: true }).click();
		await current.getByText(SIGNED_MESSAGE).waitFor();
		await screenshot(current, `${tag}-04-signed`);
	});

	assert.deepEqual([...first.pageErrors, ...second.pageErrors], [], 'no uncaught errors in the pages');
});
