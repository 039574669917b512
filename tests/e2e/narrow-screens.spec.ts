import assert from 'node:assert/strict';
import type { Page } from '@playwright/test';
import { checkPage, createOrganisation, linkIn, note, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 10: no page scrolls sideways on a 390 px phone, even with a long
 * organisation name and a long unbroken word in the letter (German compounds, URLs).
 * Each main page is checked and screenshotted at 1280 and 390 px, with axe too (the
 * issue's closing line: fail on serious violations). The checks run in the page, so
 * only with JavaScript; the server renders the same markup without it.
 */

test('no page scrolls sideways at 390 px, even with long names and long words; no serious axe violations at 390 and 1280 px', async ({ newSide, mailbox, javaScriptEnabled }) => {
	// Axe runs inside the page, which a context without JavaScript cannot do (it waits forever).
	test.skip(!javaScriptEnabled, 'axe and the width are measured in the page, which needs JavaScript; the markup is the same without it');
	test.setTimeout(5 * 60_000);
	const id = unique();
	const person = { name: `Narrow ${id}`, email: `narrow.${id}@example.org`, password: `narrow lantern ${id} reed` };
	const longWord = `Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft${id}`;
	const organisation = `Internationale Menschenrechtsbeobachtungsvereinigung für Versammlungsfreiheit und Zivilgesellschaftsentwicklung ${id}`;
	const coalition = `Koalition ${longWord}`;
	const title = `Offener Brief ${longWord}`;
	const page = await (await newSide({ viewport: { width: 390, height: 844 } })).context.newPage();
	const problems: string[] = [];

	/** Opens `url` (unless already there) and checks the page (checkPage). */
	async function check(name: string, url?: string) {
		if (url) await visit(page, url);
		await checkPage(page, `narrow-${name}`, true, problems);
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

	assert.deepEqual(problems, [], 'pages that scroll sideways or have serious axe violations');
});

/*
 * The pages the test above does not reach, with a letter that is opened, signed and
 * published: signing, public sign-on, the public letter, verification, comparing
 * revisions, the website's domain, the three kinds of invitation, the password reset
 * and the instance administration. Issue 13's closing line: each is checked with axe
 * at 1280 and 390 px and fails on serious or critical violations; at 390 px nothing
 * may stick out. Names and words are long and unbroken, in Persian too (right to left).
 */
test('signing, public, verification, invitation, reset and admin pages: no sideways scrolling at 390 px, no serious axe violations at 390 and 1280 px', async ({
	newSide,
	mailbox,
	javaScriptEnabled
}) => {
	// Axe runs inside the page, which a context without JavaScript cannot do (it waits forever).
	test.skip(!javaScriptEnabled, 'axe and the width are measured in the page, which needs JavaScript; the markup is the same without it');
	test.setTimeout(5 * 60_000);
	const id = unique();
	const persianWord = `سازمانبینالمللیدیدهبانیحقوقبشرونظارتبرآزادیتجمعاتمسالمتآمیزوتوسعهجامعهمدنی`;
	const longWord = `Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft${id}`;
	const a = { name: `محمدرضاعبدالحسینیانزادهفراهانینژادگلپایگانی ${id}`, email: `narrow2.a.${id}@example.org`, password: `narrow reed ${id} lamp` };
	const b = { name: `Bartholomäus${longWord}`, email: `narrow2.b.${id}@example.org`, password: `narrow stone ${id} kite` };
	const admin = { name: `Administrator ${id}`, email: process.env.E2E_INSTANCE_ADMIN ?? '', password: `narrow admin ${id} moon` };
	assert.ok(admin.email, 'E2E_INSTANCE_ADMIN is set (playwright.config.ts)');
	const organisationA = `${persianWord} ${id}`;
	const organisationB = `Internationale Menschenrechtsbeobachtungsvereinigung ${longWord}`;
	const coalition = `ائتلاف ${persianWord}${id}`;
	const title = `Offener Brief ${longWord}`;
	const domain = `${longWord.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 60)}.example.org`;
	const phone = { viewport: { width: 390, height: 844 } };
	const aPage = await (await newSide(phone)).context.newPage();
	const bPage = await (await newSide(phone)).context.newPage();
	const publicPage = await (await newSide(phone)).context.newPage();
	const problems: string[] = [];

	/** Opens `url` on `page` (unless already there) and checks it (checkPage). */
	async function check(page: Page, name: string, url?: string) {
		if (url) await visit(page, url);
		await checkPage(page, `narrow-${name}`, true, problems);
	}

	let organisationPath = '';
	let coalitionPath = '';
	let letterPath = '';
	await test.step('A (a Persian name) with an organisation, a coalition and a public letter in two revisions', async () => {
		await signUpAndConfirm(aPage, mailbox, a);
		organisationPath = await createOrganisation(aPage, { name: organisationA, city: 'Tehran' });
		await visit(aPage, `${organisationPath}/edit`);
		await aPage.getByLabel('Website (optional)').fill(`https://www.${domain}/${longWord}`);
		await aPage.getByRole('button', { name: /save/i }).click();
		await aPage.waitForURL((url) => url.pathname === organisationPath);
		coalitionPath = await startCoalition(aPage, { name: coalition, organisation: organisationA, description: `ما دربارهٔ ${persianWord} می‌نویسیم.` });
		await visit(aPage, `${coalitionPath}/letters/new`);
		await aPage.getByLabel('Title', { exact: true }).fill(title);
		await aPage.getByLabel('Addressees').fill(`An den ${longWord}\n${persianWord}`);
		await aPage.getByLabel('Text', { exact: true }).fill(`Wir bitten um ${longWord}.\n\nSiehe https://example.org/${longWord}/${longWord}`);
		await aPage.getByLabel('Closing').fill('Hochachtungsvoll');
		await aPage.getByLabel('Visibility').selectOption('public');
		await aPage.getByRole('button', { name: 'Create the draft' }).click();
		await aPage.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(aPage.url()).pathname;
		await visit(aPage, `${letterPath}/edit`);
		await aPage.getByLabel('Title', { exact: true }).fill(`${title} ${persianWord}`);
		await aPage.getByRole('button', { name: 'Save', exact: true }).click();
		await aPage.waitForURL((url) => url.pathname === letterPath && url.searchParams.get('saved') === 'saved');
	});

	await test.step('compare two revisions; the domain verification page', async () => {
		await visit(aPage, `${letterPath}/history`);
		await aPage.getByRole('button', { name: 'Compare' }).click();
		await aPage.waitForURL((url) => url.pathname === `${letterPath}/compare`);
		await aPage.waitForLoadState('networkidle');
		await aPage.locator('ins').first().waitFor();
		await check(aPage, 'compare');
		await check(aPage, 'organisation-domain', `${organisationPath}/domain`);
		await aPage.getByLabel(/Address to send the code to/).fill('info');
		await aPage.getByRole('button', { name: 'Send a code' }).click();
		await aPage.getByText('A code is on its way').waitFor();
		await check(aPage, 'organisation-domain-code-sent');
	});

	await test.step('B (a long German name) and its organisation; A invites B into the organisation, the coalition and to sign', async () => {
		await signUpAndConfirm(bPage, mailbox, b);
		await createOrganisation(bPage, { name: organisationB, country: 'Germany' });
		await visit(aPage, organisationPath);
		const invite = aPage.getByRole('form', { name: 'Invite someone' });
		await invite.getByLabel('E-mail address').fill(b.email);
		await invite.getByRole('button', { name: 'Send invitation' }).click();
		const joinOrganisation = await mailbox.waitFor({ to: b.email, subject: 'Join ' });
		await check(bPage, 'organisation-invitation', linkIn(joinOrganisation, '/invitations/'));
		await visit(aPage, coalitionPath);
		const form = aPage.locator('form').filter({ has: aPage.getByRole('heading', { name: 'Invite an organisation' }) });
		await form.getByLabel('E-mail address').fill(b.email);
		await form.getByLabel('Message (optional)').fill(`Bitte unterstützt ${longWord} — ${persianWord}`);
		await form.getByRole('button', { name: 'Send invitation' }).click();
		const joinCoalition = await mailbox.waitFor({ to: b.email, subject: 'Your organisation is invited to join' });
		await check(bPage, 'coalition-invitation', linkIn(joinCoalition, '/coalition-invitations/'));
		await visit(aPage, `${letterPath}/signing`);
		const open = aPage.locator('form').filter({ has: aPage.getByRole('heading', { name: 'Open for signatures' }) });
		await open.getByRole('button', { name: 'Open for signatures' }).click();
		await aPage.getByRole('button', { name: 'Freeze the text and open' }).click();
		await aPage.getByText('The letter is open for signatures.').waitFor();
		await aPage.getByLabel('Invite another organisation by e-mail').fill(b.email);
		await aPage.getByRole('button', { name: 'Invite', exact: true }).click();
		await aPage.getByText(`Invitation sent to ${b.email}.`).waitFor();
		const toSign = await mailbox.waitFor({ to: b.email, subject: 'Invitation to sign “' });
		await check(bPage, 'sign-invitation', linkIn(toSign, '/sign-invitations/'));
	});

	let verifyPath = '';
	await test.step('the sign page and public sign-on while open; A signs, closes and publishes', async () => {
		await check(aPage, 'sign', `${letterPath}/sign`);
		await check(publicPage, 'sign-on', letterPath.replace('/letters/', '/sign-on/'));
		const password = aPage.getByLabel(/^Your password/);
		if (await password.isEditable()) await password.fill(a.password);
		await aPage.getByLabel(/^Your title/).fill(`Geschäftsführerin ${longWord}`);
		await aPage.getByRole('button', { name: 'Sign', exact: true }).click();
		await aPage.getByText('Signed. A receipt is on its way to you and to the owners of your organisation.').waitFor();
		await check(aPage, 'sign-signed');
		await visit(aPage, `${letterPath}/signing`);
		await aPage.getByRole('button', { name: 'Close signing' }).click();
		await aPage.getByText('Signing is closed.').waitFor();
		await visit(aPage, `${letterPath}/publish`);
		const form = aPage.locator('form').filter({ has: aPage.getByRole('button', { name: 'Publish', exact: true }) });
		const publishPassword = form.getByLabel(/^Your password/);
		if (await publishPassword.isEditable()) await publishPassword.fill(a.password);
		await form.getByRole('button', { name: 'Publish', exact: true }).click();
		await aPage.getByText('Published. The PDFs below are final; the signatory organisations are being told.').waitFor({ timeout: 60_000 });
		verifyPath = (await aPage.locator('main').getByRole('link', { name: 'verification page' }).first().getAttribute('href')) ?? '';
		assert.match(verifyPath, /^\/verify\/[^/]+$/);
	});

	await test.step('signed out: the published letter, the verification page and a checked copy', async () => {
		const letterId = letterPath.split('/')[2];
		await check(publicPage, 'open-letter', `/open-letters/${letterId}`);
		await check(publicPage, 'verify', verifyPath);
		const pdfHref = await publicPage.locator('main').getByRole('link', { name: /PDF/ }).first().getAttribute('href');
		assert.ok(pdfHref, 'the verification page links the PDF');
		const pdf = await (await publicPage.request.get(pdfHref)).body();
		const copy = publicPage.locator('main section').filter({ has: publicPage.getByRole('heading', { name: 'Check a copy' }) });
		await copy.getByLabel('PDF file').setInputFiles({ name: `${longWord}.pdf`, mimeType: 'application/pdf', buffer: pdf });
		await copy.getByRole('button', { name: 'Check', exact: true }).click();
		await copy.getByRole('status').filter({ hasText: 'Genuine' }).waitFor();
		await check(publicPage, 'verify-checked');
	});

	await test.step('password reset: the request, the answer and the page from the link', async () => {
		await check(publicPage, 'forgot-password', '/forgot-password');
		await publicPage.getByLabel('E-mail address').fill(b.email);
		await publicPage.getByRole('button', { name: 'Send the link' }).click();
		await publicPage.getByText(`If an account exists for ${b.email}`).waitFor();
		await check(publicPage, 'forgot-password-sent');
		const mail = await mailbox.waitFor({ to: b.email, subject: 'Choose a new password' });
		await check(publicPage, 'reset-password', linkIn(mail, '/reset-password/'));
	});

	await test.step('the instance administrator: coalitions and their sending limits', async () => {
		const adminPage = await (await newSide(phone)).context.newPage();
		await signUpAndConfirm(adminPage, mailbox, admin);
		await check(adminPage, 'admin-coalitions', '/admin/coalitions');
		await adminPage.getByRole('cell', { name: coalition }).first().waitFor();
	});

	assert.deepEqual(problems, [], 'pages that scroll sideways or have serious axe violations');
});
