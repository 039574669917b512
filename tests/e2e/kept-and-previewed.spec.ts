import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkPage, createOrganisation, pdfText, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, points 2 and 8: the editor's PDF preview (rendered by the publication
 * renderer, marked PREVIEW, never cached), and nothing typed is lost: unsaved
 * changes are kept as the person's own draft (autosaved with JavaScript, "Keep as
 * draft" without), restored when they come back, and discarded only on request;
 * with JavaScript, leaving with changes not yet kept asks first.
 */
test('the editor keeps unsaved work, warns before it is lost, and previews the PDF', async ({ newSide, mailbox, javaScriptEnabled }) => {
	test.setTimeout(4 * 60_000);
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const person = { name: `Keeper ${mode} ${id}`, email: `keeper.${mode}.${id}@example.org`, password: `willow brook ${id} stone` };
	const organisation = `Keeping Watch ${mode} ${id}`;
	const title = `Open letter on river protection ${mode} ${id}`;
	const saved = 'The river feeds every village on its banks.';
	const typed = `${saved}\n\nWe ask for a ban on dredging upstream (${id}).`;
	const side = await newSide();
	const page = await side.context.newPage();
	let letterPath = '';
	const body = () => page.getByLabel('Text', { exact: true });

	await test.step('a draft letter', async () => {
		await signUpAndConfirm(page, mailbox, person);
		await createOrganisation(page, { name: organisation });
		const coalitionPath = await startCoalition(page, { name: `River coalition ${mode} ${id}`, organisation });
		await visit(page, `${coalitionPath}/letters/new`);
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Addressees').fill('To the Minister of Water');
		await page.getByLabel('Text', { exact: true }).fill(saved);
		await page.getByLabel('Closing').fill('Respectfully');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
	});

	await test.step('the preview link gives a PDF marked PREVIEW, not cached, with the saved text', async () => {
		await visit(page, `${letterPath}/edit`);
		const href = await page.getByRole('link', { name: 'Preview the PDF' }).getAttribute('href');
		assert.ok(href?.startsWith(`${letterPath}/preview.pdf?lang=`), `preview link: ${href}`);
		const response = await page.request.get(href!);
		assert.equal(response.status(), 200);
		assert.match(response.headers()['content-type'] ?? '', /^application\/pdf/);
		assert.match(response.headers()['cache-control'] ?? '', /no-store/);
		const file = test.info().outputPath(`preview-${mode}.pdf`);
		fs.writeFileSync(file, await response.body());
		const { flat } = pdfText(file);
		assert.ok(flat.includes('PREVIEW'), 'every page is marked PREVIEW');
		assert.ok(flat.includes(title), 'the title is printed');
		assert.ok(flat.includes(saved), 'the saved text is printed');
		assert.ok(!/verif/i.test(flat), 'no verification block in a preview');
	});

	await test.step('typed changes are kept as a draft (autosave with JavaScript, "Keep as draft" without)', async () => {
		await body().fill(typed);
		if (javaScriptEnabled) {
			await page.getByText(/^Draft kept .*, visible only to you\.$/).waitFor();
		} else {
			await page.getByRole('button', { name: 'Keep as draft' }).click();
			await page.getByText('Your changes are kept as a draft that only you can see. Save them to make a new revision.').waitFor();
		}
	});

	await test.step('coming back, the editor restores them and says so', async () => {
		await visit(page, letterPath);
		await visit(page, `${letterPath}/edit`);
		await page.getByText(/^Restored your unsaved changes from /).waitFor();
		assert.equal(await body().inputValue(), typed);
		await checkPage(page, `kept-${mode}-restored`, javaScriptEnabled);
	});

	if (javaScriptEnabled) {
		await test.step('leaving with changes not yet kept asks first, and staying keeps them', async () => {
			await body().fill(`${typed} More.`);
			// Before the autosave's few seconds are up: the change is not kept yet.
			await page.getByRole('link', { name: 'Back to the letter' }).click();
			await page.waitForTimeout(300);
			assert.ok(side.dialogs.some((d) => d.includes('Your latest changes are not kept yet')), `dialogs: ${side.dialogs.join(' | ')}`);
			assert.equal(new URL(page.url()).pathname, `${letterPath}/edit`, 'dismissing the question stays on the editor');
			assert.equal(await body().inputValue(), `${typed} More.`);
			// Then the autosave keeps it, and leaving no longer asks.
			await page.getByText(/^Draft kept .*, visible only to you\.$/).waitFor();
		});
	}

	await test.step('discarding the draft brings back the saved revision', async () => {
		await visit(page, `${letterPath}/edit`);
		await page.getByRole('button', { name: 'Discard them' }).click();
		await page.getByText('Your unsaved changes were discarded.').waitFor();
		assert.equal(await body().inputValue(), saved);
	});
});
