import assert from 'node:assert/strict';
import { checkPage, createOrganisation, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 4: a coordinator asks the drafting organisation to approve the
 * text; its owner reads that revision and approves; approvals are made a condition
 * for opening; an edit clears them, so opening is refused, naming who has not
 * approved; asked and approved again, the letter opens. The cross-person and refusal
 * cases are in tests/integration/text-approvals.test.ts.
 */
test('approval of the final text before signing opens', async ({ newSide, mailbox, javaScriptEnabled }) => {
	test.setTimeout(4 * 60_000);
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const a = { name: `Coordinator ${mode} ${id}`, email: `approve.${mode}.${id}@example.org`, password: `cedar lake ${id} bell` };
	const organisation = `Drafting House ${mode} ${id}`;
	const title = `Open letter on detained journalists ${mode} ${id}`;
	const page = await (await newSide()).context.newPage();
	let letterPath = '';
	const approvals = () => page.locator('section#approvals');

	const askAndApprove = async (revision: number) => {
		await visit(page, `${letterPath}/signing`);
		const box = approvals().getByRole('checkbox', { name: organisation });
		assert.equal(await box.isChecked(), true, 'the initiating organisation is ticked by default');
		await approvals().getByRole('button', { name: 'Ask for approval' }).click();
		await page.getByText(`1 organisation was asked to approve revision ${revision}.`).waitFor();
		await mailbox.waitFor({ to: a.email, subject: `Please approve the text of “${title}”` });
		await visit(page, '/');
		const asked = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Approvals asked of you' }) });
		await asked.getByText(`Revision ${revision}, for ${organisation}`).waitFor();
		await asked.getByRole('link', { name: /^Review/ }).click();
		await page.waitForURL((url) => url.pathname === `${letterPath}/approval`);
		await page.getByRole('heading', { level: 1, name: 'Approve the text' }).waitFor();
		await page.getByText('We ask for the release of every detained journalist.').waitFor();
		if (revision === 1) await checkPage(page, `approval-${mode}`, javaScriptEnabled);
		await page.getByRole('button', { name: `Approve revision ${revision}` }).click();
		await page.getByText('Approved. The coordinators see your approval of this revision.').waitFor();
	};

	await test.step('A starts a coalition and a draft', async () => {
		await signUpAndConfirm(page, mailbox, a);
		await createOrganisation(page, { name: organisation });
		const coalitionPath = await startCoalition(page, { name: `Press freedom coalition ${mode} ${id}`, organisation });
		await visit(page, `${coalitionPath}/letters/new`);
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Addressees').fill('To the Minister of Justice');
		await page.getByLabel('Text', { exact: true }).fill('We ask for the release of every detained journalist.');
		await page.getByLabel('Closing').fill('Respectfully');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
	});

	await test.step('A asks the drafting organisation; as its owner, A reads revision 1 and approves', async () => {
		await askAndApprove(1);
		await visit(page, `${letterPath}/signing`);
		await approvals().getByText('Approved').first().waitFor();
		await page.getByText('Revision 1: approved by 1 of 1 organisation asked.').waitFor();
		await checkPage(page, `approvals-dashboard-${mode}`, javaScriptEnabled);
	});

	await test.step('A requires approvals; an edit clears them and opening is refused', async () => {
		await approvals().getByRole('button', { name: 'Require approvals before opening' }).click();
		await page.getByText('Signing can now open only once every organisation asked has approved the current text.').waitFor();
		await visit(page, `${letterPath}/edit`);
		const body = page.getByLabel('Text', { exact: true });
		await body.fill('We ask for the release of every detained journalist.\n\nWe ask for a public inquiry.');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.waitForURL((url) => url.pathname === letterPath);
		await visit(page, `${letterPath}/signing`);
		await approvals().getByText('Approved on revision 1; cleared by a later edit').waitFor();
		await page.getByText('No organisation was asked to approve this text, and approvals are required: ask first.').waitFor();
		await page.getByRole('button', { name: 'Open for signatures' }).click();
		await page.getByRole('button', { name: 'Freeze the text and open' }).click();
		await page.getByText(/Approvals are required: ask the drafting organisations/).waitFor();
	});

	await test.step('asked and approved again, the letter opens', async () => {
		await askAndApprove(2);
		await visit(page, `${letterPath}/signing`);
		await page.getByRole('button', { name: 'Open for signatures' }).click();
		await page.getByRole('button', { name: 'Freeze the text and open' }).click();
		await page.getByText('The letter is open for signatures.').waitFor();
	});
});
