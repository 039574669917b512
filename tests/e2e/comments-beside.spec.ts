import assert from 'node:assert/strict';
import type { Locator, Page } from '@playwright/test';
import { checkPage, createOrganisation, screenshot, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Issue 13, point 9: a comment thread quotes its paragraph and, on a wide screen,
 * sits beside it; on a phone it comes below the paragraph and nothing scrolls
 * sideways. Pure server rendering and CSS, so the same with JavaScript off. The
 * audit trail reads as sentences with names.
 */

async function box(locator: Locator) {
	const found = await locator.boundingBox();
	assert.ok(found, 'the element is on the page');
	return found;
}

/** Whether anything on the page reaches past the window's right edge (boxes come from the browser, so this works without JavaScript). */
async function sticksOut(page: Page, selectors: string[]) {
	const width = page.viewportSize()!.width;
	const out: string[] = [];
	for (const selector of selectors) {
		for (const element of await page.locator(selector).all()) {
			const b = await element.boundingBox();
			if (b && b.x + b.width > width + 1) out.push(`${selector} reaches ${Math.round(b.x + b.width)}px`);
		}
	}
	return out;
}

test('comments quote their paragraph and sit beside it on a wide screen, below it on a phone', async ({ newSide, mailbox, javaScriptEnabled }) => {
	const id = unique();
	const person = { name: `Margin ${id}`, email: `margin.${id}@example.org`, password: `margin lantern ${id} reed` };
	const organisation = `Steppe Water Watch ${id}`;
	const demand = `Publish every licence for water use in the steppe, with the volume granted, the company that holds it and the date it ends, so that herders can see who uses their water (${id}).`;
	const { context } = await newSide({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	const tag = javaScriptEnabled ? 'js' : 'nojs';

	let letterPath = '';
	let coalitionPath = '';
	await test.step('a draft letter with a few paragraphs', async () => {
		await signUpAndConfirm(page, mailbox, person);
		await createOrganisation(page, { name: organisation, city: 'Ulaanbaatar' });
		coalitionPath = await startCoalition(page, { name: `Margin Coalition ${id}`, organisation });
		await visit(page, `${coalitionPath}/letters/new`);
		await page.getByLabel('Title', { exact: true }).fill(`Water for the steppe ${id}`);
		await page.getByLabel('Addressees').fill('To the Minister of Environment');
		await page.getByLabel('Text', { exact: true }).fill(`We write as herders' organisations of the Gobi.\n\nWe ask you to:\n\n1. ${demand}\n2. Meet herder communities before the next licensing round.\n\nWe look forward to your answer.`);
		await page.getByLabel('Closing').fill('Respectfully');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
	});

	const comment = `Name the ministry's survey office here (${id}).`;
	await test.step('a comment on the first demand quotes it', async () => {
		await page.getByLabel('New comment').fill(comment);
		await page.getByLabel('About').selectOption('3');
		await page.getByRole('button', { name: 'Comment', exact: true }).click();
		await page.getByText('Your comment was added.').waitFor();
		await page.getByLabel('New comment').fill(`On the whole letter (${id}).`);
		await page.getByLabel('About').selectOption('');
		await page.getByRole('button', { name: 'Comment', exact: true }).click();
		await page.getByText('Your comment was added.').waitFor();
		const thread = page.locator('li.thread').filter({ hasText: comment });
		await thread.getByText('On paragraph 3').waitFor();
		const quote = (await thread.locator('blockquote.quote').innerText()).trim();
		assert.ok(quote.startsWith('Publish every licence for water use in the steppe'), quote);
		assert.ok(quote.endsWith('…'), `a long paragraph is cut: ${quote}`);
		// It sits with paragraph 3, inside the letter; the comment on the whole letter stays below it.
		assert.equal(await page.locator('#paragraph-3 li.thread').filter({ hasText: comment }).count(), 1);
		assert.equal(await page.locator('article.letter-paper li.thread').filter({ hasText: 'On the whole letter' }).count(), 0);
		await page.getByText('One open thread is shown with its paragraph').waitFor();
	});

	await test.step('at 1280 px the thread is beside its paragraph, not below it', async () => {
		await visit(page, letterPath);
		const paragraph = await box(page.locator('#paragraph-3 .paragraph'));
		const thread = await box(page.locator('#paragraph-3 li.thread'));
		const paper = await box(page.locator('article.letter-paper'));
		assert.ok(thread.x >= paragraph.x + paragraph.width, `the thread (x ${thread.x}) starts right of the paragraph (ends at ${paragraph.x + paragraph.width})`);
		assert.ok(thread.x >= paper.x + paper.width, 'the thread is outside the paper');
		assert.ok(thread.y < paragraph.y + paragraph.height, `the thread (top ${thread.y}) starts level with the paragraph (${paragraph.y}–${paragraph.y + paragraph.height}), not below it`);
		assert.ok(Math.abs(thread.y - paragraph.y) < 40, 'the thread starts level with the paragraph');
		assert.deepEqual(await sticksOut(page, ['main', 'article.letter-paper', 'li.thread', 'aside.margin']), []);
		await screenshot(page, `comments-beside-${tag}-1280`);
	});

	await test.step('a reply from the margin lands in the same thread', async () => {
		const thread = page.locator('#paragraph-3 li.thread');
		await thread.getByText('Reply or resolve').click();
		await thread.getByLabel('Reply').fill(`Agreed (${id}).`);
		await thread.getByRole('button', { name: 'Reply', exact: true }).click();
		await page.getByText('Your comment was added.').waitFor();
		await page.locator('#paragraph-3 li.thread .reply').filter({ hasText: `Agreed (${id}).` }).waitFor();
		await checkPage(page, `comments-beside-${tag}-checked`, javaScriptEnabled);
	});

	await test.step('at 390 px the thread comes below its paragraph and nothing scrolls sideways', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await visit(page, letterPath);
		const paragraph = await box(page.locator('#paragraph-3 .paragraph'));
		const thread = await box(page.locator('#paragraph-3 li.thread'));
		assert.ok(thread.y >= paragraph.y + paragraph.height - 1, 'below the paragraph');
		assert.deepEqual(await sticksOut(page, ['main', 'main *']), []);
		if (javaScriptEnabled) {
			const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
			assert.ok(scrollWidth <= clientWidth, `the page is ${scrollWidth}px wide on a ${clientWidth}px phone`);
		}
		await screenshot(page, `comments-beside-${tag}-390`);
	});

	await test.step('the audit trail reads as sentences with names', async () => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await visit(page, `${letterPath}/audit`);
		const trail = page.getByRole('list', { name: 'Audit trail' });
		await trail.getByText(`${person.name} started the letter in English.`).waitFor();
		await trail.getByText(`${person.name} commented on paragraph 3.`).waitFor();
		await trail.getByText(`${person.name} replied to a comment.`).waitFor();
		assert.equal(await trail.locator('bdi').filter({ hasText: person.name }).count() >= 3, true, 'names are isolated in <bdi>');
		assert.ok(!(await trail.innerText()).includes('{'), 'no raw data');
		await checkPage(page, `audit-${tag}-checked`, javaScriptEnabled);
		await screenshot(page, `audit-${tag}-1280`);
		await page.setViewportSize({ width: 390, height: 844 });
		assert.deepEqual(await sticksOut(page, ['main', 'main *']), []);
		await screenshot(page, `audit-${tag}-390`);
	});

	await test.step('in a right-to-left letter the margin is on the left, and the quote reads right to left', async () => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await visit(page, `${coalitionPath}/letters/new`);
		await page.getByLabel('Language of the letter').selectOption('fa');
		await page.getByLabel('Title', { exact: true }).fill(`آب برای استپ ${id}`);
		await page.getByLabel('Addressees').fill('به وزیر محیط زیست');
		await page.getByLabel('Text', { exact: true }).fill('ما به عنوان سازمان‌های دامداران می‌نویسیم.\n\nاز شما می‌خواهیم همهٔ مجوزهای آب را منتشر کنید.');
		await page.getByLabel('Closing').fill('با احترام');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname) && url.pathname !== letterPath);
		await page.getByLabel('New comment').fill(`پیشنهاد: نام وزارتخانه را بیاورید (${id}).`);
		await page.getByLabel('About').selectOption('2');
		await page.getByRole('button', { name: 'Comment', exact: true }).click();
		await page.getByText('Your comment was added.').waitFor();
		const quote = page.locator('#paragraph-2 blockquote.quote');
		assert.equal((await quote.innerText()).trim(), 'از شما می‌خواهیم همهٔ مجوزهای آب را منتشر کنید.');
		assert.equal(await quote.getAttribute('dir'), 'auto');
		const paragraph = await box(page.locator('#paragraph-2 .paragraph'));
		const thread = await box(page.locator('#paragraph-2 li.thread'));
		assert.ok(thread.x + thread.width <= paragraph.x, 'the thread is left of the right-to-left paragraph');
		assert.ok(Math.abs(thread.y - paragraph.y) < 40, 'level with it');
		await checkPage(page, `comments-beside-${tag}-rtl`, javaScriptEnabled);
	});
});
