import { codeIn, createOrganisation, phoneScreenshot, screenshot, signUpAndConfirm, test, unique, visit, expect } from './support/fixtures';

/*
 * Issue 10 point 8, as an owner does it: add the website to the profile, ask for a
 * code at an address on its domain, read the mail, enter the code, and see the badge
 * "<domain> verified" on the organisation's page; then move the website to another
 * domain and see the badge go. JavaScript on and off.
 */

test('an owner verifies the website domain by a code sent to an address on it', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const domain = `exile-voices-${mode}-${id}.example.org`;
	const owner = { name: `Oyun ${mode} ${id}`, email: `oyun.${mode}.${id}@example.org`, password: `steppe wind ${id} lamp` };
	const side = await newSide();
	const page = await side.context.newPage();
	let organisationPath = '';

	await test.step('the owner signs up, creates the organisation and gives its website', async () => {
		await signUpAndConfirm(page, mailbox, owner);
		organisationPath = await createOrganisation(page, { name: `Exile Voices ${mode} ${id}`, country: 'Sweden' });
		await visit(page, `${organisationPath}/edit`);
		await page.getByLabel('Website (optional)').fill(`https://www.${domain}/about`);
		await page.getByRole('button', { name: /save/i }).click();
		await page.waitForURL((url) => url.pathname === organisationPath);
	});

	await test.step('asks for a code at info@ the domain', async () => {
		await page.getByRole('link', { name: 'Verify the website' }).click();
		await page.getByRole('heading', { level: 1, name: 'Verify the website' }).waitFor();
		await page.waitForLoadState('networkidle');
		await expect(page.getByText(`The domain to verify is ${domain}`)).toBeVisible();
		await page.getByLabel(/Address to send the code to/).fill('info');
		await page.getByRole('button', { name: 'Send a code' }).click();
		await expect(page.getByText('A code is on its way')).toBeVisible();
	});

	await test.step('a wrong code is refused on the same form', async () => {
		await page.getByLabel(`Code sent to info@${domain}`).fill('12345678');
		await page.getByRole('button', { name: 'Verify with this code' }).click();
		await expect(page.getByText(/That code is not right\. 4 tries left\./).first()).toBeVisible();
	});

	await test.step('the code from the mail verifies the domain', async () => {
		const mail = await mailbox.waitFor({ to: `info@${domain}`, subject: `Code to verify ${domain}` });
		await page.getByLabel(`Code sent to info@${domain}`).fill(codeIn(mail));
		await screenshot(page, `domain-code-${mode}`);
		await page.getByRole('button', { name: 'Verify with this code' }).click();
		await expect(page.getByText('Done: the domain is verified.')).toBeVisible();
		await screenshot(page, `domain-verified-${mode}`);
		await visit(page, organisationPath);
		await expect(page.locator('.domain-badge')).toHaveText(`${domain} verified`);
		await screenshot(page, `domain-badge-${mode}`);
		await phoneScreenshot(page, `domain-badge-phone-${mode}`);
	});

	await test.step('moving the website to another domain removes the badge', async () => {
		await visit(page, `${organisationPath}/edit`);
		await page.getByLabel('Website (optional)').fill(`https://elsewhere-${id}.example.net/`);
		await page.getByRole('button', { name: /save/i }).click();
		await page.waitForURL((url) => url.pathname === organisationPath);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('.domain-badge')).toHaveCount(0);
	});
});
