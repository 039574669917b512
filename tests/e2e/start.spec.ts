import assert from 'node:assert/strict';
import { checkPage, codeIn, createOrganisation, linkIn, note, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, points 1, 5 and 6: what waits for a signed-in person ("Needs you" and
 * the header's count), an invited outside organisation reaching its signature in at
 * most four page actions after confirming its address, and a public letter's
 * sign-on page leading a newcomer to a sign-on request the coordinator approves.
 * Each page added is checked with axe at 1280 and 390 px.
 */

test('needs you, an invitation carried through to a signature in four actions, and public sign-on', async ({ newSide, mailbox, javaScriptEnabled }) => {
	test.setTimeout(5 * 60_000);
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const a = { name: `Coordinator ${mode} ${id}`, email: `coord.${mode}.${id}@example.org`, password: `river stone ${id} kite` };
	const b = { name: `Invited ${mode} ${id}`, email: `invited.${mode}.${id}@example.org`, password: `amber field ${id} moon` };
	const c = { name: `Newcomer ${mode} ${id}`, email: `newcomer.${mode}.${id}@example.org`, password: `quiet harbour ${id} lamp` };
	const organisationA = `Steppe Watch ${mode} ${id}`;
	const organisationB = `Invited Union ${mode} ${id}`;
	const organisationC = `Newcomers Alliance ${mode} ${id}`;
	const title = `Open letter on free assembly ${mode} ${id}`;
	const aPage = await (await newSide()).context.newPage();
	const bPage = await (await newSide()).context.newPage();
	const cPage = await (await newSide()).context.newPage();
	let letterPath = '';

	await test.step('A starts a coalition and a public letter, opens it for signatures', async () => {
		await signUpAndConfirm(aPage, mailbox, a);
		await createOrganisation(aPage, { name: organisationA });
		const coalitionPath = await startCoalition(aPage, { name: `Assembly coalition ${mode} ${id}`, organisation: organisationA });
		await visit(aPage, `${coalitionPath}/letters/new`);
		await aPage.getByLabel('Title', { exact: true }).fill(title);
		await aPage.getByLabel('Addressees').fill('To the Speaker of Parliament');
		await aPage.getByLabel('Text', { exact: true }).fill('We ask you to protect the right of peaceful assembly.');
		await aPage.getByLabel('Closing').fill('Respectfully');
		await aPage.getByLabel('Visibility').selectOption('public');
		await aPage.getByRole('button', { name: 'Create the draft' }).click();
		await aPage.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(aPage.url()).pathname;
		await visit(aPage, `${letterPath}/signing`);
		const form = aPage.locator('form').filter({ has: aPage.getByRole('heading', { name: 'Open for signatures' }) });
		await form.getByRole('button', { name: 'Open for signatures' }).click();
		// Opening freezes the text, so it asks first (a dialog with JavaScript, a confirm state without).
		await aPage.getByRole('button', { name: 'Freeze the text and open' }).click();
		await aPage.getByText('The letter is open for signatures.').waitFor();
	});

	await test.step('Needs you: signing in lands on the start page, which lists the letter with a prominent Sign; the header counts it', async () => {
		await visit(aPage, '/');
		await aPage.getByRole('heading', { level: 1, name: 'Needs you' }).waitFor();
		const toSign = aPage.locator('section').filter({ has: aPage.getByRole('heading', { name: 'Letters to sign' }) });
		await toSign.locator('strong', { hasText: title }).waitFor();
		await toSign.getByText(`For ${organisationA}. No deadline`).waitFor();
		const count = await aPage.getByRole('navigation', { name: 'Main' }).locator('.needs-you .count').innerText();
		assert.match(count, /^\d+/, 'the header shows a count');
		await checkPage(aPage, `start-${mode}-needs-you`, javaScriptEnabled);
		await visit(aPage, letterPath);
		await aPage.getByRole('navigation', { name: 'Letter' }).getByRole('link', { name: 'Sign this letter' }).waitFor();
	});

	let invitationLink = '';
	await test.step('A invites B by e-mail; B signs up from the invitation and confirms', async () => {
		await visit(aPage, `${letterPath}/signing`);
		await aPage.getByLabel('Invite another organisation by e-mail').fill(b.email);
		await aPage.getByRole('button', { name: 'Invite', exact: true }).click();
		await aPage.getByText(`Invitation sent to ${b.email}.`).waitFor();
		const mail = await mailbox.waitFor({ to: b.email, subject: `Invitation to sign “${title}”` });
		invitationLink = linkIn(mail, '/sign-invitations/');
		await visit(bPage, invitationLink);
		// The header's "Create an account" keeps the way back to the invitation.
		const headerSignUp = bPage.getByRole('banner').getByRole('link', { name: 'Create an account' });
		assert.match((await headerSignUp.getAttribute('href')) ?? '', /redirectTo=%2Fsign-invitations%2F/);
		await headerSignUp.click();
		await bPage.waitForURL('**/sign-up?**');
		await bPage.waitForLoadState('networkidle');
		await bPage.getByLabel('Your name').fill(b.name);
		await bPage.getByLabel('E-mail address').fill(b.email);
		await bPage.getByLabel('Password').fill(b.password);
		await bPage.getByRole('button', { name: 'Create account', exact: true }).click();
		await bPage.waitForURL('**/verify-email');
		const confirm = await mailbox.waitFor({ to: b.email, subject: 'Confirm your e-mail address' });
		await bPage.getByLabel('Code from the mail').fill(codeIn(confirm));
		await bPage.getByRole('button', { name: 'Confirm', exact: true }).click();
		await bPage.waitForURL((url) => url.pathname.startsWith('/sign-invitations/'));
	});

	await test.step('B signs for a new organisation in at most four page actions after confirming', async () => {
		let actions = 0;
		await bPage.getByRole('link', { name: 'Create an organisation' }).click();
		actions++;
		await bPage.waitForURL('**/organisations/new?**');
		await bPage.waitForLoadState('networkidle');
		await bPage.getByText('Once it is created, you go straight back to your invitation.').waitFor();
		await bPage.getByLabel('Name', { exact: true }).fill(organisationB);
		await bPage.getByLabel('Country').selectOption({ label: 'Sweden' });
		await bPage.getByRole('button', { name: 'Create organisation' }).click();
		actions++;
		await bPage.waitForURL((url) => url.pathname.startsWith('/sign-invitations/'));
		await bPage.waitForLoadState('networkidle');
		await bPage.getByRole('button', { name: 'Continue to the letter' }).click();
		actions++;
		await bPage.waitForURL((url) => url.pathname === `${letterPath}/sign`);
		await bPage.waitForLoadState('networkidle');
		const password = bPage.getByLabel(/^Your password/);
		if (await password.isEditable()) await password.fill(b.password);
		await bPage.getByRole('button', { name: 'Sign', exact: true }).click();
		actions++;
		await bPage.getByText('Signed. A receipt is on its way to you and to the owners of your organisation.').waitFor();
		note(`page actions from confirmed address to signature (${mode}): ${actions}`);
		assert.ok(actions <= 4, `${actions} page actions`);
	});

	await test.step('Public sign-on: C, signed out, reads the letter and its count, adds an organisation, and asks to sign on', async () => {
		await visit(cPage, letterPath.replace('/letters/', '/sign-on/'));
		await cPage.getByRole('heading', { level: 1, name: title }).waitFor();
		await cPage.getByText('1 organisation has signed so far').waitFor();
		await checkPage(cPage, `start-${mode}-sign-on`, javaScriptEnabled);
		await cPage.getByRole('link', { name: 'Add your organisation' }).click();
		await cPage.waitForURL('**/sign-up?**');
		await cPage.waitForLoadState('networkidle');
		await cPage.getByLabel('Your name').fill(c.name);
		await cPage.getByLabel('E-mail address').fill(c.email);
		await cPage.getByLabel('Password').fill(c.password);
		await cPage.getByRole('button', { name: 'Create account', exact: true }).click();
		await cPage.waitForURL('**/verify-email');
		const confirm = await mailbox.waitFor({ to: c.email, subject: 'Confirm your e-mail address' });
		await cPage.getByLabel('Code from the mail').fill(codeIn(confirm));
		await cPage.getByRole('button', { name: 'Confirm', exact: true }).click();
		await cPage.waitForURL((url) => url.pathname === `${letterPath}/sign`);
		await cPage.getByRole('link', { name: 'Create an organisation' }).click();
		await cPage.waitForURL('**/organisations/new?**');
		await cPage.waitForLoadState('networkidle');
		await cPage.getByLabel('Name', { exact: true }).fill(organisationC);
		await cPage.getByLabel('Country').selectOption({ label: 'Japan' });
		await cPage.getByRole('button', { name: 'Create organisation' }).click();
		await cPage.waitForURL((url) => url.pathname === `${letterPath}/sign`);
		await cPage.waitForLoadState('networkidle');
		await cPage.getByLabel('Message to the coordinators (optional)').fill('We support this letter.');
		await cPage.getByRole('button', { name: 'Ask to sign on' }).click();
		await cPage.getByText('Your request was sent to the coordinators.').waitFor();
	});

	await test.step('A approves the request from the signing dashboard', async () => {
		await visit(aPage, `${letterPath}/signing`);
		await aPage.getByRole('link', { name: new RegExp(`/sign-on/`) }).waitFor();
		const request = aPage.locator('li').filter({ hasText: organisationC });
		await request.getByRole('button', { name: 'Approve' }).click();
		await aPage.getByText('Approved: the organisation can now sign.').waitFor();
	});

	await test.step('My organisations shows an invitation waiting for my address, and it is answered there', async () => {
		await visit(aPage, '/organisations');
		await aPage.locator('main').getByRole('link', { name: organisationA }).click();
		await aPage.waitForURL(/\/organisations\/[^/?]+$/);
		await aPage.waitForLoadState('networkidle');
		await aPage.getByLabel('E-mail address').fill(c.email);
		await aPage.getByRole('button', { name: 'Send invitation' }).click();
		await mailbox.waitFor({ to: c.email, subject: `Join ${organisationA} on Undersigned` });
		await visit(cPage, '/');
		await cPage.getByText(`Join ${organisationA} as`).waitFor();
		await visit(cPage, '/organisations');
		await cPage.getByRole('heading', { name: 'Invitations waiting for you' }).waitFor();
		await checkPage(cPage, `start-${mode}-organisations`, javaScriptEnabled);
		await cPage.getByRole('button', { name: `Join ${organisationA}` }).click();
		await cPage.waitForURL(/\/organisations\/[^/?]+\?welcome=1$/);
	});
});
