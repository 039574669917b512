import assert from 'node:assert/strict';
import type { Page } from '@playwright/test';
import { checkPage, createOrganisation, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 9, with JavaScript on and off: a conflict settled passage by
 * passage (an edit in one, theirs in the other) on the conflict screen, then an
 * older revision opened from the history and restored as a new revision.
 */
const BODY = 'We ask the ministry to act now on water rights.\n\nThe herders of the steppe have waited long enough.';
const CLOSING = 'Respectfully,\nThe undersigned organisations';

const bodyField = (page: Page) => page.getByLabel('Text', { exact: true });
const letterBody = (page: Page) => page.locator('article.letter-paper .letter-body');

async function replaceIn(page: Page, label: string, from: string, to: string) {
	const field = page.getByLabel(label, { exact: true });
	const value = await field.inputValue();
	assert.ok(value.includes(from), `${label} contains "${from}":\n${value}`);
	await field.fill(value.replace(from, to));
}

test('a conflict settled per passage, then an older revision restored', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const id = unique();
	const person = { name: `Oyunaa ${mode} ${id}`, email: `oyunaa.${mode}.${id}@example.org`, password: `felt tent ${id} lantern` };
	const organisation = `Herders Rights Network ${mode} ${id}`;
	const title = `Open letter on grazing land ${mode} ${id}`;
	const side = await newSide();
	const page = await side.context.newPage();
	/** A second editor on revision 1, saved after the first one. */
	const late = await side.context.newPage();
	let letterPath = '';

	await test.step('sign up, an organisation, a coalition and a letter', async () => {
		await signUpAndConfirm(page, mailbox, person);
		await createOrganisation(page, { name: organisation });
		const coalitionPath = await startCoalition(page, { name: `Grazing coalition ${mode} ${id}`, organisation });
		await page.getByRole('link', { name: 'Start a letter' }).click();
		await page.waitForURL((url) => url.pathname === `${coalitionPath}/letters/new`);
		await page.getByLabel('Title', { exact: true }).fill(title);
		await bodyField(page).fill(BODY);
		await page.getByLabel('Closing').fill(CLOSING);
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
	});

	await test.step('two editors on revision 1; the first saves new words in the text and the closing', async () => {
		await visit(page, `${letterPath}/edit?lang=en`);
		await visit(late, `${letterPath}/edit?lang=en`);
		await replaceIn(page, 'Text', 'act now on', 'act this week on');
		await replaceIn(page, 'Closing', 'Respectfully,', 'Sincerely,');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.waitForURL((url) => url.pathname === letterPath && url.searchParams.get('saved') === 'saved');
	});

	await test.step('the second changes the same words: the conflict screen names who changed each passage and when', async () => {
		await replaceIn(late, 'Text', 'act now on', 'act today on');
		await replaceIn(late, 'Closing', 'Respectfully,', 'With respect,');
		await late.getByRole('button', { name: 'Save', exact: true }).click();
		const conflict = late.getByRole('region', { name: 'Passages changed since your version (now revision 2)' });
		await conflict.waitFor();
		const text = conflict.getByRole('group', { name: 'Text: passage 1 of 2' });
		const closing = conflict.getByRole('group', { name: 'Closing: passage 2 of 2' });
		for (const passage of [text, closing]) {
			const said = await passage.locator('p.muted').first().innerText();
			assert.match(said, new RegExp(`^Changed by ${person.name} in revision 2, \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\(.+\\)\\.$`), said);
		}
		await text.getByRole('radio', { name: 'Keep mine' }).waitFor();
		await text.getByRole('radio', { name: /^Keep theirs/ }).waitFor();
		assert.equal((await text.locator('label.choice').nth(1).innerText()).trim(), `Keep theirs (${person.name})`);
		assert.equal(await text.getByLabel('Your edit of passage 1').inputValue(), 'today ', 'the edit starts from my version');
		// Screenshots at 1280 and 390 px; with JavaScript, no serious axe violations.
		await checkPage(late, `conflict-${mode}-01-passages`, javaScriptEnabled);
	});

	await test.step('an edit in the text, theirs in the closing: saved as revision 3', async () => {
		const conflict = late.getByRole('region', { name: /Passages changed since your version/ });
		const text = conflict.getByRole('group', { name: 'Text: passage 1 of 2' });
		await text.getByLabel('Your edit of passage 1').fill('today, and again this week, ');
		await text.getByRole('radio', { name: 'Edit' }).check();
		await conflict.getByRole('group', { name: 'Closing: passage 2 of 2' }).getByRole('radio', { name: /^Keep theirs/ }).check();
		await conflict.getByRole('button', { name: 'Save with these choices' }).click();
		await late.waitForURL((url) => url.pathname === letterPath && url.searchParams.get('saved') === 'saved');
		await late.getByText(/· revision 3$/).waitFor();
		assert.ok((await letterBody(late).innerText()).includes('act today, and again this week, on water rights'));
		assert.equal(await late.locator('article.letter-paper .closing').innerText(), 'Sincerely,\nThe undersigned organisations');
	});

	await test.step('the history opens revision 1 with its whole text, and restores it as revision 4', async () => {
		await late.getByRole('link', { name: 'History' }).click();
		await late.getByRole('link', { name: 'Revision 1', exact: true }).click();
		await late.getByRole('heading', { level: 1, name: 'Revision 1' }).waitFor();
		assert.ok((await letterBody(late).innerText()).includes('act now on water rights'));
		await late.getByText(`Saved by ${person.name}`).waitFor();
		await late.getByRole('link', { name: 'Compare with the current revision (3)' }).waitFor();
		await checkPage(late, `conflict-${mode}-02-revision`, javaScriptEnabled);
		await late.getByRole('button', { name: 'Restore this revision' }).click();
		// A dialog with JavaScript, the same form in its confirm state without.
		await late.getByRole('button', { name: 'Restore revision 1' }).click();
		await late.waitForURL((url) => url.pathname === `${letterPath}/history` && url.searchParams.get('done') === 'restored');
		await late.getByText('Restored: the text is saved again as revision 4.').waitFor();
		assert.equal(await late.locator('tbody tr').count(), 4, 'four revisions, none removed');
		await visit(late, letterPath);
		await late.getByText(/· revision 4$/).waitFor();
		assert.ok((await letterBody(late).innerText()).includes('act now on water rights'));
		assert.equal(await late.locator('article.letter-paper .closing').innerText(), CLOSING);
	});

	assert.deepEqual(side.pageErrors, [], 'no uncaught errors in the pages');
	assert.deepEqual(side.dialogs, [], 'no browser dialogs');
});
