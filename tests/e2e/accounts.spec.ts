import assert from 'node:assert/strict';
import { codeIn, linkIn, screenshot, test, unique } from './support/fixtures';

/*
 * The journey of the account and organisation promises, as a person does it: sign
 * up, confirm by mail (the code with JavaScript on, the link with it off), sign in
 * after a wrong password, create an organisation, invite someone, and that person
 * joins through the mail.
 */

/** What sign-in answers for a wrong password (src/lib/server/auth/sign-in.ts). */
const WRONG_CREDENTIALS = 'That e-mail address and password do not match an account.';

test('sign up, confirm by mail, sign in, organisation, invitation', async ({ newSide, mailbox, origin, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const confirmBy = javaScriptEnabled ? 'code' : 'link';
	const id = unique();
	const owner = { name: `Owner ${mode} ${id}`, email: `owner.${mode}.${id}@example.org`, password: `violet lantern ${id} harbour` };
	const invitee = { name: `Invitee ${mode} ${id}`, email: `invitee.${mode}.${id}@example.org`, password: `quiet meadow ${id} lighthouse` };
	const organisationName = `Steppe Voices ${mode} ${id}`;
	let invitationLink = '';
	let organisationPath = '';

	const ownerSide = await newSide();
	const inviteeSide = await newSide();
	const page = await ownerSide.context.newPage();
	const inviteePage = await inviteeSide.context.newPage();

	await test.step('sign up with name, e-mail and password', async () => {
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

	await test.step(`confirm the address by the mail's ${confirmBy}`, async () => {
		const mail = await mailbox.waitFor({ to: owner.email, subject: 'Confirm your e-mail address' });
		assert.ok(mail.text.includes(owner.name), 'the mail greets the person by name');
		if (confirmBy === 'code') {
			const code = codeIn(mail);
			assert.match(code, /^[A-Z0-9-]{8,9}$/, 'an 8-character code');
			await page.getByLabel('Code from the mail').fill(code);
			await page.getByRole('button', { name: 'Confirm', exact: true }).click();
		} else {
			const link = linkIn(mail, '/verify-email/');
			assert.ok(link.startsWith(`${origin}/verify-email/`), `the link uses ORIGIN: ${link}`);
			await page.goto(link);
			await page.getByText(`Confirm that ${owner.email} is your address.`).waitFor();
			await screenshot(page, `${mode}-02-confirm-link`);
			await page.getByRole('button', { name: 'Confirm my address' }).click();
		}
		await page.waitForURL('**/organisations?confirmed=1');
		await page.getByText('Your e-mail address is confirmed.').waitFor();
	});

	await test.step('sign out', async () => {
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
	});

	await test.step('a wrong password is refused and the typed e-mail is kept', async () => {
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

	await test.step('sign in with the right password', async () => {
		await page.getByLabel('Password').fill(owner.password);
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await page.getByRole('link', { name: 'Go to my organisations' }).waitFor();
	});

	await test.step('create an organisation', async () => {
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

	await test.step('invite a member by e-mail as signatory', async () => {
		const form = page.getByRole('form', { name: 'Invite someone' });
		await form.getByLabel('E-mail address').fill(invitee.email);
		await form.getByLabel('Role', { exact: true }).selectOption('signatory');
		await form.getByRole('button', { name: 'Send invitation' }).click();
		await page.getByText(`${invitee.email} · Signatory`).waitFor();
		await screenshot(page, `${mode}-05-invited`);
		const mail = await mailbox.waitFor({ to: invitee.email, subject: `Join ${organisationName}` });
		assert.ok(mail.text.includes(owner.name), 'the mail names who invites');
		invitationLink = linkIn(mail, '/invitations/');
	});

	await test.step('the invitee opens the link and creates an account through it', async () => {
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

	await test.step('the invitee sees the organisation and themselves as signatory', async () => {
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

	await test.step('the owner now sees the invitee as a member and no waiting invitation', async () => {
		// goto, not reload: without JavaScript the page is the answer to a POST,
		// and reloading it would send the invitation again.
		await page.goto(organisationPath);
		await page.getByRole('row').filter({ hasText: invitee.name }).waitFor();
		assert.equal(await page.getByText(`${invitee.email} · Signatory`).count(), 0, 'the invitation is no longer waiting');
	});

	assert.deepEqual(ownerSide.pageErrors.concat(inviteeSide.pageErrors), [], 'no uncaught errors in the pages');
});
