import assert from 'node:assert/strict';
import { checkPage, createOrganisation, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 3, in the browser with JavaScript on and off: a whole letter
 * pasted into a new letter is split into its fields, the person sees what went where
 * before saving, and the draft shows the title, addressees and closing once each.
 */

const PASTED = `To the Prime Minister of Mongolia
To the Minister of Environment and Tourism

Ulaanbaatar, 12 March 2026

Open letter on water rights in the Gobi

Dear Prime Minister, dear Minister,

We, the undersigned organisations, write to ask for urgent action on water rights in the Gobi. Mining licences granted since 2020 have drained the wells herders depend on.

We call on the government to:
1. Publish every mining licence granted since 2020.
2. Halt new permits until the groundwater survey is finished.
3. Meet herder communities before the next licensing round.

Respectfully,
The undersigned organisations

Signed by:
Gobi Water Watch
Steppe Herders Union`;

test('pasting a whole letter: what went where, then each part once in the draft', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const person = { name: `Saraa ${mode} ${id}`, email: `saraa.${mode}.${id}@example.org`, password: `blue felt ${id} tent` };
	const organisation = `Gobi Water Watch ${mode} ${id}`;
	const page = await (await newSide()).context.newPage();

	await test.step('sign up, create an organisation and a coalition', async () => {
		await signUpAndConfirm(page, mailbox, person);
		await createOrganisation(page, { name: organisation });
		const coalitionPath = await startCoalition(page, { name: `Water for the Gobi ${mode} ${id}`, organisation });
		await visit(page, `${coalitionPath}/letters/new`);
	});

	await test.step('convert: each part in its field, and a summary of what went where', async () => {
		await page.getByLabel('Pasted letter').fill(PASTED);
		await page.getByRole('button', { name: 'Convert to the text below' }).click();
		const review = page.getByRole('region', { name: 'What went where' });
		await review.waitFor();
		assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Open letter on water rights in the Gobi');
		assert.equal(await page.getByLabel('Addressees').inputValue(), 'To the Prime Minister of Mongolia\nTo the Minister of Environment and Tourism');
		assert.equal(await page.getByLabel('Closing').inputValue(), 'Respectfully,\nThe undersigned organisations');
		assert.equal(await page.getByLabel('Place (optional)').inputValue(), 'Ulaanbaatar');
		const body = await page.getByLabel('Text', { exact: true }).inputValue();
		assert.match(body, /^Dear Prime Minister, dear Minister,\n/);
		assert.ok(!/Respectfully|Signed by|Ulaanbaatar, 12 March|Open letter on/.test(body), `nothing but the text in the body:\n${body}`);
		await review.getByText('Ulaanbaatar, 12 March 2026').waitFor();
		await review.getByText('3 lines: the signatory list comes from the signatures organisations add').click();
		await review.getByText('Steppe Herders Union').waitFor();
		await checkPage(page, `paste-${mode}-review`, javaScriptEnabled);
	});

	await test.step('create the draft: the title, addressees and closing appear once each', async () => {
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		const article = page.locator('article.letter-paper');
		await article.getByRole('heading', { level: 1, name: 'Open letter on water rights in the Gobi' }).waitFor();
		const text = await article.innerText();
		for (const once of ['Open letter on water rights in the Gobi', 'To the Prime Minister of Mongolia', 'Respectfully,', 'Dear Prime Minister']) {
			assert.equal(text.split(once).length - 1, 1, `“${once}” once in:\n${text}`);
		}
		assert.ok(!text.includes('Signed by'), 'no signature block in the letter');
	});
});
