import assert from 'node:assert/strict';
import type { Locator, Page } from '@playwright/test';
import { createOrganisation, linkIn, phoneScreenshot, screenshot, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Drafting (issue 3) as people do it: a coalition of two organisations, a letter
 * pasted from elsewhere, two people editing the same revision (a conflict, then a
 * merge), history and comparison; and XS1 (docs/promises.md) with script payloads in
 * every place a person can type text that others then see.
 */

/** What the app says (src/routes/letters/[id]/edit/+page.server.ts and letters/[id]/+page.svelte). */
const CONFLICT_MESSAGE = 'Changes were saved to the same passages while you were editing.';
const MERGED_MESSAGE = 'Saved. Others had changed other parts meanwhile; their changes and yours were combined.';
const SAVED_MESSAGE = 'Saved as a new revision.';
const CONVERTED_MESSAGE = 'Converted: check the text below before you save.';

/** A letter as it arrives by e-mail: plain text, demands numbered by hand. */
const PASTED_LETTER = [
	'Dear Minister,',
	'',
	'We, the undersigned organisations, write to ask for urgent action on water rights in the Gobi.',
	'',
	'We call on the government to:',
	'1. Publish every mining licence granted since 2020.',
	'2. Halt new permits until the groundwater survey is finished.',
	'3. Meet herder communities before the next licensing round.',
	'',
	'The herders of the steppe have waited long enough for answers.'
].join('\n');

/** The body's Markdown textarea. */
const bodyField = (page: Page) => page.getByLabel('Text', { exact: true });

/**
 * Changes `from` to `to` in the letter's Markdown, as a person editing it would.
 */
async function replaceInBody(page: Page, from: string, to: string) {
	const field = bodyField(page);
	const value = await field.inputValue();
	assert.ok(value.includes(from), `the text contains "${from}":\n${value}`);
	await field.fill(value.replace(from, to));
}

/**
 * Clicks a submit button and resolves with the status the form action answered:
 * the HTTP status without JavaScript, the `status` of SvelteKit's JSON answer to
 * an enhanced form (whose own HTTP status is 200).
 */
async function submitForStatus(page: Page, button: string) {
	const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/edit'));
	await page.getByRole('button', { name: button, exact: true }).click();
	const response = await answer;
	if ((response.headers()['content-type'] ?? '').includes('application/json')) {
		const json = await response.json();
		return Number(json.status);
	}
	return response.status();
}

/** The revision the open editor saves on. */
const baseRevisionOf = (page: Page) => page.locator('form[action="?/save"] input[name="baseRevisionId"]').inputValue();

/**
 * The two texts a word diff (WordDiff.svelte) shows: `before` without the added
 * words, `after` without the removed ones (the screen-reader words left out).
 * `diffs` are `.word-diff` elements.
 */
function diffVersions(diffs: Locator): Promise<{ before: string; after: string }[]> {
	return diffs.evaluateAll((elements) =>
		elements.map((element) => {
			const version = (drop: string) => {
				const copy = element.cloneNode(true) as Element;
				for (const hidden of copy.querySelectorAll(`.visually-hidden, ${drop}`)) hidden.remove();
				return copy.textContent ?? '';
			};
			return { before: version('ins'), after: version('del') };
		})
	);
}

const letterBody = (page: Page) => page.locator('article.letter-paper .letter-body');

/**
 * Waits for the letter page after a save and returns the body's text.
 */
async function savedLetter(page: Page, letterPath: string, saved: 'saved' | 'merged', revision: number) {
	await page.waitForURL((url) => url.pathname === letterPath && url.searchParams.get('saved') === saved);
	await page.getByText(saved === 'merged' ? MERGED_MESSAGE : SAVED_MESSAGE).waitFor();
	await page.getByText(new RegExp(`· revision ${revision}$`)).waitFor();
	return letterBody(page).innerText();
}

/*
 * Issue 3's drafting journey: coalition, invitation of a second organisation, a
 * letter from pasted text, a conflict and its resolution, a merge, a comment,
 * history and comparison.
 */
test('drafting: coalition, invitation, pasted letter, conflict, merge, history', async ({ newSide, mailbox, origin, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const tag = `drafting-${mode}`;
	const id = unique();
	const a = { name: `Ariunaa ${mode} ${id}`, email: `ariunaa.${mode}.${id}@example.org`, password: `amber yurt ${id} river` };
	const b = { name: `Bolormaa ${mode} ${id}`, email: `bolormaa.${mode}.${id}@example.org`, password: `silver camel ${id} dune` };
	const organisationA = `Gobi Water Watch ${mode} ${id}`;
	const organisationB = `Steppe Herders Union ${mode} ${id}`;
	const coalitionName = `Water for the Gobi ${mode} ${id}`;
	const title = `Open letter on water rights ${mode} ${id}`;
	const invitationMessage = `Join us for the letter on water rights (${id}).`;

	const aSide = await newSide();
	const bSide = await newSide();
	const aPage = await aSide.context.newPage();
	const bPage = await bSide.context.newPage();
	/** B's second editor, opened on revision 1 and saved only after two more revisions. */
	const bLatePage = await bSide.context.newPage();
	let coalitionPath = '';
	let invitationLink = '';
	let letterPath = '';
	let firstRevision = '';

	await test.step('A signs up, confirms and creates organisation A', async () => {
		await signUpAndConfirm(aPage, mailbox, a);
		await createOrganisation(aPage, { name: organisationA, city: 'Dalanzadgad' });
	});

	await test.step('B signs up, confirms and creates organisation B', async () => {
		await signUpAndConfirm(bPage, mailbox, b);
		await createOrganisation(bPage, { name: organisationB, city: 'Mandalgovi' });
	});

	await test.step('A starts a coalition on behalf of organisation A', async () => {
		coalitionPath = await startCoalition(aPage, { name: coalitionName, organisation: organisationA, description: 'Organisations of the Gobi on water.' });
		const members = aPage.getByRole('list', { name: /Member organisations/ });
		await members.getByRole('listitem').filter({ hasText: organisationA }).waitFor();
		await aPage.getByRole('list', { name: 'Coordinators' }).getByText(`${a.name} (you)`).waitFor();
	});

	await test.step('A invites organisation B by e-mail', async () => {
		const form = aPage.locator('form').filter({ has: aPage.getByRole('heading', { name: 'Invite an organisation' }) });
		await form.getByLabel('E-mail address').fill(b.email);
		await form.getByLabel('Message (optional)').fill(invitationMessage);
		await form.getByRole('button', { name: 'Send invitation' }).click();
		await aPage.getByText(`Invitation sent to ${b.email}.`).waitFor();
		await form.getByRole('listitem').filter({ hasText: b.email }).waitFor();
		const mail = await mailbox.waitFor({ to: b.email, subject: `Your organisation is invited to join ${coalitionName}` });
		assert.ok(mail.text.includes(a.name), 'the mail names who invites');
		assert.ok(mail.text.includes(invitationMessage), 'the mail carries the message');
		invitationLink = linkIn(mail, '/coalition-invitations/');
		assert.ok(invitationLink.startsWith(`${origin}/coalition-invitations/`), `the link uses ORIGIN: ${invitationLink}`);
	});

	await test.step('B opens the invitation and joins with organisation B', async () => {
		await visit(bPage, invitationLink);
		const main = bPage.locator('main');
		await main.getByText(`${a.name} invites your organisation into the coalition`).waitFor();
		await main.getByText(coalitionName).waitFor();
		await main.getByLabel('Organisation that joins').selectOption({ label: organisationB });
		await screenshot(bPage, `${tag}-01-coalition-invitation`);
		await main.getByRole('button', { name: 'Join the coalition' }).click();
		await bPage.waitForURL((url) => url.pathname === coalitionPath);
		await bPage.getByRole('heading', { name: 'Member organisations (2)' }).waitFor();
		await bPage.getByRole('list', { name: /Member organisations/ }).getByRole('listitem').filter({ hasText: organisationB }).waitFor();
		assert.equal(await bPage.getByRole('link', { name: 'Start a letter' }).count(), 0, 'B is a member, not a coordinator');
	});

	await test.step('A sees organisation B in the coalition and no waiting invitation', async () => {
		await visit(aPage, coalitionPath);
		await aPage.getByRole('list', { name: /Member organisations/ }).getByRole('listitem').filter({ hasText: organisationB }).waitFor();
		assert.equal(await aPage.getByText('Waiting for an answer').count(), 0, 'the invitation is no longer waiting');
	});

	await test.step('A starts a letter from pasted plain text; the numbered list survives the conversion', async () => {
		await aPage.getByRole('link', { name: 'Start a letter' }).click();
		await aPage.waitForURL((url) => url.pathname === `${coalitionPath}/letters/new`);
		await aPage.getByLabel('Pasted letter').fill(PASTED_LETTER);
		await aPage.getByRole('button', { name: 'Convert to the text below' }).click();
		await aPage.getByText(CONVERTED_MESSAGE).waitFor();
		const markdown = await bodyField(aPage).inputValue();
		assert.match(markdown, /^1\. Publish every mining licence granted since 2020\.$/m, `numbered item 1 in:\n${markdown}`);
		assert.match(markdown, /^2\. Halt new permits/m, 'numbered item 2');
		assert.match(markdown, /^3\. Meet herder communities/m, 'numbered item 3');
		const preview = aPage.getByRole('region', { name: 'Preview' });
		const items = preview.locator('ol > li');
		await items.nth(2).waitFor();
		assert.equal(await items.count(), 3, 'the preview shows a numbered list of three');
		assert.match(await items.first().innerText(), /^Publish every mining licence/);
		if (javaScriptEnabled) {
			// The preview follows the typing.
			await bodyField(aPage).fill(`${markdown}\n\n4. A fourth demand`);
			await items.nth(3).waitFor();
			await bodyField(aPage).fill(markdown);
			await items.nth(3).waitFor({ state: 'detached' });
		}
		await aPage.getByLabel('Title', { exact: true }).fill(title);
		await aPage.getByLabel('Addressees').fill('To the Minister of Environment and Tourism\nUlaanbaatar');
		await aPage.getByLabel('Closing').fill('Respectfully,\nThe undersigned organisations');
		await screenshot(aPage, `${tag}-02-new-letter-converted`);
		await aPage.getByRole('button', { name: 'Create the draft' }).click();
		await aPage.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(aPage.url()).pathname;
	});

	await test.step('the letter shows its title, addressees, the numbered list and the closing', async () => {
		const article = aPage.locator('article.letter-paper');
		await article.getByRole('heading', { level: 1, name: title }).waitFor();
		assert.match(await article.locator('p.addressees').innerText(), /^To the Minister of Environment and Tourism\s+Ulaanbaatar$/);
		assert.match(await article.locator('p.closing').innerText(), /^Respectfully,\s+The undersigned organisations$/);
		const items = letterBody(aPage).locator('ol > li');
		assert.equal(await items.count(), 3, 'three numbered demands');
		assert.match(await items.nth(1).innerText(), /^Halt new permits until the groundwater survey is finished\.$/);
		await aPage.getByText(/· revision 1$/).waitFor();
		await screenshot(aPage, `${tag}-03-letter`);
		await phoneScreenshot(aPage, `${tag}-03-letter-phone`);
	});

	if (javaScriptEnabled) {
		await test.step(
			'text typed into the editor before its scripts have loaded survives hydration',
			async () => {
				// A slow phone shows the server-rendered form well before the scripts
				// arrive; here they are held back until the person has typed.
				const early = await aSide.context.newPage();
				try {
					let release = () => {};
					const scripts = new Promise((resolve) => (release = () => resolve(undefined)));
					await early.route('**/*.js', async (route) => {
						await scripts;
						await route.continue();
					});
					await early.goto(`${letterPath}/edit?lang=en`, { waitUntil: 'domcontentloaded' });
					await early.getByLabel('Title', { exact: true }).fill(`${title} (typed early)`);
					await bodyField(early).fill('Typed before the scripts arrived.');
					release();
					await early.waitForLoadState('networkidle');
					assert.equal(await early.getByLabel('Title', { exact: true }).inputValue(), `${title} (typed early)`, 'the typed title is kept');
					assert.equal(await bodyField(early).inputValue(), 'Typed before the scripts arrived.', 'the typed text is kept');
					await early.getByRole('region', { name: 'Preview' }).getByText('Typed before the scripts arrived.').waitFor({ timeout: 5_000 });
				} finally {
					await early.close();
				}
			}
		);
	}

	await test.step('A and B open the editor on the same revision (B twice)', async () => {
		await aPage.getByRole('link', { name: 'Edit the text' }).click();
		await aPage.waitForURL((url) => url.pathname === `${letterPath}/edit`);
		await visit(bPage, letterPath);
		await bPage.getByRole('link', { name: 'Edit the text' }).click();
		await bPage.waitForURL((url) => url.pathname === `${letterPath}/edit`);
		await visit(bLatePage, `${letterPath}/edit?lang=en`);
		for (const page of [aPage, bPage, bLatePage]) await page.getByText('You are editing revision 1.').waitFor();
		firstRevision = await baseRevisionOf(aPage);
		assert.ok(firstRevision, 'the editor carries the revision it started from');
		assert.equal(await baseRevisionOf(bPage), firstRevision);
		assert.equal(await baseRevisionOf(bLatePage), firstRevision);
	});

	await test.step('B changes one sentence and saves', async () => {
		await replaceInBody(bPage, 'urgent action', 'immediate action');
		assert.equal(await submitForStatus(bPage, 'Save'), 303);
		const text = await savedLetter(bPage, letterPath, 'saved', 2);
		assert.ok(text.includes('ask for immediate action on water rights'), text);
	});

	await test.step("A changes the same words differently: refused with 409, both versions marked, A's text kept", async () => {
		await replaceInBody(aPage, 'urgent action', 'swift and decisive action');
		assert.equal(await submitForStatus(aPage, 'Save'), 409, 'the save is refused as a conflict');
		await aPage.getByRole('alert').filter({ hasText: CONFLICT_MESSAGE }).waitFor();
		assert.equal(new URL(aPage.url()).pathname, `${letterPath}/edit`);
		const conflict = aPage.getByRole('region', { name: /^Passages changed since your version \(now revision 2\)$/ });
		await conflict.waitFor();
		await conflict.getByRole('group', { name: /^Text: passage 1 of \d+$/ }).waitFor();
		await conflict.getByText(`Changed by ${b.name} in revision 2`).waitFor();
		await conflict.locator('del').filter({ hasText: 'immediate' }).first().waitFor();
		await conflict.locator('ins').filter({ hasText: 'swift' }).first().waitFor();
		const passages = await diffVersions(conflict.locator('.word-diff'));
		assert.ok(passages.some((p) => p.before.includes('immediate')), `B's version is marked: ${JSON.stringify(passages)}`);
		assert.ok(passages.some((p) => p.after.includes('swift')), `A's version is marked: ${JSON.stringify(passages)}`);
		const mine = await bodyField(aPage).inputValue();
		assert.ok(mine.includes('ask for swift and decisive action on water rights'), `A's own text is kept:\n${mine}`);
		assert.ok(!mine.includes('immediate'), "B's words are not put into A's text");
		assert.equal(await aPage.getByLabel('Title', { exact: true }).inputValue(), title, 'the other fields are kept too');
		const base = await baseRevisionOf(aPage);
		assert.ok(base && base !== firstRevision, 'the next save goes on the new head');
		await aPage.getByRole('button', { name: 'Save my resolved text', exact: true }).waitFor();
		await screenshot(aPage, `${tag}-04-conflict`);
		await phoneScreenshot(aPage, `${tag}-04-conflict-phone`);
	});

	await test.step(
		"the marked passage shows each side's words as written: B's 'immediate action', A's 'swift and decisive action'",
		async () => {
			const conflict = aPage.getByRole('region', { name: /Passages changed since your version/ });
			const passages = await diffVersions(conflict.locator('.word-diff'));
			const shown = JSON.stringify(passages);
			assert.ok(passages.some((p) => p.before.includes('for immediate action on')), `B's version as B wrote it: ${shown}`);
			assert.ok(passages.some((p) => p.after.includes('for swift and decisive action on')), `A's version as A wrote it: ${shown}`);
		}
	);

	await test.step('A resolves the passage and saves it with "Save my resolved text"', async () => {
		await replaceInBody(aPage, 'swift and decisive action', 'immediate and decisive action');
		assert.equal(await submitForStatus(aPage, 'Save my resolved text'), 303);
		const text = await savedLetter(aPage, letterPath, 'saved', 3);
		assert.ok(text.includes('ask for immediate and decisive action on water rights'), text);
		assert.ok(!text.includes('swift'), text);
	});

	await test.step('B saves another paragraph from the editor opened on revision 1: merged', async () => {
		await replaceInBody(bLatePage, 'Meet herder communities before', 'Meet herder communities and local governors before');
		assert.equal(await submitForStatus(bLatePage, 'Save'), 303);
		const text = await savedLetter(bLatePage, letterPath, 'merged', 4);
		assert.ok(text.includes('ask for immediate and decisive action on water rights'), `A's resolution is kept:\n${text}`);
		assert.ok(text.includes('Meet herder communities and local governors before the next licensing round.'), `B's change is in:\n${text}`);
		assert.equal(await letterBody(bLatePage).locator('ol > li').count(), 3, 'still three demands');
		await screenshot(bLatePage, `${tag}-05-merged`);
	});

	await test.step('B comments on one demand', async () => {
		const comment = `Could we name the ministry's survey office in this demand? (${id})`;
		await bLatePage.getByLabel('New comment').fill(comment);
		const option = bLatePage.locator('#new-comment-paragraph option').filter({ hasText: 'Halt new permits' });
		const paragraph = await option.getAttribute('value');
		assert.ok(paragraph, 'the demand can be chosen');
		await bLatePage.getByLabel('About').selectOption(paragraph);
		await bLatePage.getByRole('button', { name: 'Comment', exact: true }).click();
		await bLatePage.getByText('Your comment was added.').waitFor();
		const thread = bLatePage.locator('li.thread').filter({ hasText: comment });
		await thread.getByText(`On paragraph ${paragraph}`).waitFor();
		await thread.getByText(b.name).waitFor();
	});

	await test.step('the history lists the four revisions, who made them and the merge', async () => {
		await visit(aPage, letterPath);
		await aPage.getByRole('link', { name: 'History' }).click();
		await aPage.getByRole('heading', { level: 1, name: 'History of the English text' }).waitFor();
		const rows = aPage.locator('tbody tr');
		assert.equal(await rows.count(), 4, 'four revisions');
		const row = async (n: number) => (await rows.filter({ has: aPage.getByRole('cell', { name: `Revision ${n}`, exact: true }) }).innerText()).replace(/\s+/g, ' ');
		assert.ok((await row(1)).includes(a.name), await row(1));
		assert.ok((await row(2)).includes(b.name), await row(2));
		assert.ok((await row(3)).includes(a.name), await row(3));
		const fourth = await row(4);
		assert.ok(fourth.includes(b.name) && fourth.includes('merged with revision 3'), fourth);
		await screenshot(aPage, `${tag}-06-history`);
		await phoneScreenshot(aPage, `${tag}-06-history-phone`);
	});

	await test.step('comparing revision 1 with revision 4 marks removed and added words', async () => {
		await aPage.getByLabel('Compare from revision 1').check();
		await aPage.getByLabel('Compare to revision 4').check();
		await aPage.getByRole('button', { name: 'Compare' }).click();
		await aPage.waitForURL((url) => url.pathname === `${letterPath}/compare`);
		await aPage.getByRole('heading', { level: 1, name: 'Revision 1 → revision 4' }).waitFor();
		const text = aPage.locator('section').filter({ has: aPage.getByRole('heading', { name: 'Text', exact: true }) });
		await text.locator('del').filter({ hasText: 'urgent' }).first().waitFor();
		await text.locator('ins').filter({ hasText: 'immediate' }).first().waitFor();
		await text.locator('ins').filter({ hasText: 'local governors' }).first().waitFor();
		const [versions] = await diffVersions(text.locator('.word-diff'));
		assert.ok(versions, 'the text is compared word by word');
		assert.ok(versions.before.includes('ask for urgent action on water rights'), `revision 1:\n${versions.before}`);
		assert.ok(versions.after.includes('ask for immediate and decisive action on water rights'), `revision 4:\n${versions.after}`);
		assert.ok(versions.after.includes('Meet herder communities and local governors before'), `revision 4:\n${versions.after}`);
		const titleSection = aPage.locator('section').filter({ has: aPage.getByRole('heading', { name: 'Title', exact: true }) });
		await titleSection.getByText('No change.').waitFor();
		await screenshot(aPage, `${tag}-07-compare`);
		await phoneScreenshot(aPage, `${tag}-07-compare-phone`);
	});

	assert.deepEqual(aSide.pageErrors.concat(bSide.pageErrors), [], 'no uncaught errors in the pages');
	assert.deepEqual(aSide.dialogs.concat(bSide.dialogs), [], 'no dialogs');
});

/*
 * XS1. The context ignores the Content Security Policy (bypassCSP), so these tests
 * check the escaping and sanitising on their own: with the CSP in force an injected
 * handler would be blocked anyway, and the test could not tell.
 */
const XSS = 'window.__xss=1';
const P = {
	script: `<script>${XSS}</script>`,
	img: `<img src=x onerror="${XSS}">`,
	link: `[click](javascript:${XSS})`,
	svg: `<svg onload="${XSS}">`,
	alert: '<img src=y onerror="alert(document.domain)">'
};

function xssBody(id: string) {
	return [
		`Dear friends (${id}),`,
		'',
		`Script: ${P.script}`,
		'',
		`Image: ${P.img}`,
		'',
		`Link: ${P.link} and [mixed case](JaVaScRiPt:${XSS}) and <javascript:${XSS}> and [entity](&#106;avascript:${XSS})`,
		'',
		`SVG: ${P.svg}`,
		'',
		`Raw anchor: <a href="javascript:${XSS}">raw</a> and data: [data](data:text/html,${encodeURIComponent(P.script)})`,
		'',
		`Alert: ${P.alert}`,
		'',
		`1. A demand with <iframe src="javascript:${XSS}"></iframe> inside`,
		`2. **Bold ${P.img}** and *italic ${P.svg}*`,
		'',
		'> A quotation <details open ontoggle="window.__xss=1">',
		'',
		'Conflict here: PLACEHOLDER end.'
	].join('\n');
}

/**
 * Fails unless the page is free of the payloads' effects: no script ran
 * (`window.__xss`), no dialog opened, no javascript: URL and no event-handler
 * attribute or payload script exists in the DOM.
 * `dialogs` are the context's dialogs so far.
 */
async function assertNoXss(page: Page, dialogs: string[], where: string) {
	// Handlers of broken images and SVGs run once their loads end.
	await page.waitForLoadState('networkidle');
	const found = await page.evaluate(() => {
		const all = [...document.querySelectorAll('*')];
		const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
		return {
			xss: typeof (window as unknown as { __xss?: unknown }).__xss,
			javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
			javascriptUrls: all.flatMap((el) =>
				[...el.attributes].filter((a) => urlAttributes.includes(a.name) && /^\s*(?:javascript|data|vbscript):/i.test(a.value)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`)
			),
			handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`)),
			// SvelteKit's own start-up script carries the page data, payloads included, as
			// escaped JavaScript strings; a payload that broke out would be a script of its own.
			scripts: [...document.scripts].filter((s) => (s.textContent ?? '').includes('__xss') && !(s.textContent ?? '').includes('__sveltekit_')).length,
			injected: document.querySelectorAll('main iframe, main svg[onload], main img[src="x"], main img[src="y"], main img[src="z"], main details[ontoggle]').length
		};
	});
	assert.equal(found.xss, 'undefined', `${where}: a payload ran (window.__xss is set)`);
	assert.deepEqual(dialogs, [], `${where}: no dialog opened`);
	assert.equal(found.javascriptLinks, 0, `${where}: a[href^="javascript:"] in the DOM`);
	assert.deepEqual(found.javascriptUrls, [], `${where}: javascript:/data: URLs in the DOM`);
	assert.deepEqual(found.handlers, [], `${where}: event-handler attributes in the DOM`);
	assert.equal(found.scripts, 0, `${where}: a payload <script> is in the DOM`);
	assert.equal(found.injected, 0, `${where}: payload elements are in the DOM`);
}

/*
 * XS1 with JavaScript on: payloads in a person's name, an organisation's name, a
 * coalition's name and description, a letter's title, addressees, body and closing,
 * and a comment; every page that shows them is checked, including the editor's
 * live preview (rendered in the browser) and its conflict view.
 */
test('XSS (XS1): payloads in names, titles, the body and comments stay text', async ({ newSide, mailbox, javaScriptEnabled }) => {
	// The live preview and the conflict view are rendered by the page's scripts, and
	// "no payload ran" means something only when scripts run at all.
	test.skip(!javaScriptEnabled, 'XS1 is checked with JavaScript on');
	const tag = 'xss';
	const id = unique();
	const person = { name: `Mallory ${P.img}`, email: `mallory.${id}@example.org`, password: `granite orchard ${id} kettle` };
	const organisation = `Org ${P.script} ${P.svg} ${id}`;
	const coalition = `Coalition ${P.img} ${id}`;
	const title = `Letter ${P.svg} ${P.script} ${id}`;
	const comment = `Comment ${P.img} ${P.script} ${P.link} ${P.svg} ${P.alert}`;
	const side = await newSide({ bypassCSP: true });
	const outsider = await newSide({ bypassCSP: true });
	const page = await side.context.newPage();
	const secondEditor = await side.context.newPage();
	const check = (p: Page, where: string) => assertNoXss(p, side.dialogs.concat(outsider.dialogs), where);
	let organisationPath = '';
	let coalitionPath = '';
	let letterPath = '';
	let invitationLink = '';

	await test.step('the detector works: with the CSP bypassed, an injected handler does run', async () => {
		await visit(page, '/');
		await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), P.img);
		await page.waitForFunction(() => (window as unknown as { __xss?: unknown }).__xss === 1);
		const dialog = page.waitForEvent('dialog');
		await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src=q onerror="alert(1)">'));
		await dialog;
		assert.equal(side.dialogs.length, 1, 'the dialog is recorded');
		await assert.rejects(assertNoXss(page, side.dialogs, 'detector'), 'the check notices');
		side.dialogs.length = 0;
	});

	await test.step('sign up with a payload in the name; an organisation and a coalition named with payloads', async () => {
		await signUpAndConfirm(page, mailbox, person);
		organisationPath = await createOrganisation(page, { name: organisation, city: `City ${P.img}` });
		await check(page, 'organisation page');
		coalitionPath = await startCoalition(page, { name: coalition, organisation, description: `About ${P.script} ${P.svg} ${P.link}` });
		await check(page, 'new coalition page');
	});

	await test.step('a coalition invitation: the mail escapes the names, and the invitation page is safe', async () => {
		const invitee = `invitee.${id}@example.org`;
		const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Invite an organisation' }) });
		await form.getByLabel('E-mail address').fill(invitee);
		await form.getByLabel('Message (optional)').fill(`Message ${P.img} ${P.script}`);
		await form.getByRole('button', { name: 'Send invitation' }).click();
		await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
		await check(page, 'coalition page after the invitation');
		const mail = await mailbox.waitFor({ to: invitee, subject: 'Your organisation is invited to join' });
		for (const payload of [P.img, P.script]) assert.ok(!mail.html.includes(payload), `the mail's HTML holds ${payload} unescaped`);
		invitationLink = linkIn(mail, '/coalition-invitations/');
		const visitor = await outsider.context.newPage();
		await visit(visitor, invitationLink);
		await visitor.locator('main').getByText(coalition).waitFor();
		await check(visitor, 'coalition invitation page (signed out)');
	});

	await test.step('start a letter: pasted payloads, then the live preview of a body full of them', async () => {
		await page.getByRole('link', { name: 'Start a letter' }).click();
		await page.waitForURL((url) => url.pathname === `${coalitionPath}/letters/new`);
		await check(page, 'new letter form');
		await page.getByLabel('Pasted letter').fill(xssBody(id));
		await page.getByRole('button', { name: 'Convert to the text below' }).click();
		await page.getByText(CONVERTED_MESSAGE).waitFor();
		await check(page, 'new letter form after converting pasted payloads');
		const preview = page.getByRole('region', { name: 'Preview' });
		await bodyField(page).fill(xssBody(id));
		await preview.getByText('Conflict here: PLACEHOLDER end.').waitFor();
		await check(page, 'new letter live preview');
		const previewText = await preview.innerText();
		assert.ok(previewText.includes(P.script) && previewText.includes(P.img), `the preview shows the payloads as text:\n${previewText}`);
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Addressees').fill(`To ${P.img}\n${P.script}`);
		await page.getByLabel('Closing').fill(`Yours, ${P.svg} ${P.link}`);
		await page.getByLabel('Place (optional)').fill(`Place ${P.img}`);
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(page.url()).pathname;
	});

	await test.step('the letter page shows the payloads as text', async () => {
		await page.locator('article.letter-paper h1').filter({ hasText: id }).waitFor();
		await check(page, 'letter page');
		const body = await letterBody(page).innerText();
		for (const payload of [P.script, P.img, P.link, P.svg]) assert.ok(body.includes(payload), `the body shows ${payload} as text:\n${body}`);
		assert.equal(await page.locator('article.letter-paper h1').innerText(), title, 'the title is shown as typed');
		assert.equal(await letterBody(page).locator('a').count(), 0, 'no link made of a refused scheme');
		await screenshot(page, `${tag}-01-letter`);
	});

	await test.step('a comment with payloads, about a paragraph whose excerpt holds them', async () => {
		await page.getByLabel('New comment').fill(comment);
		const option = page.locator('#new-comment-paragraph option').filter({ hasText: 'Image:' });
		const paragraph = await option.getAttribute('value');
		assert.ok(paragraph);
		await page.getByLabel('About').selectOption(paragraph);
		await page.getByRole('button', { name: 'Comment', exact: true }).click();
		await page.getByText('Your comment was added.').waitFor();
		await check(page, 'letter page with the comment');
		await visit(page, letterPath);
		const thread = page.locator('li.thread').first();
		assert.equal((await thread.locator('p.body').innerText()).trim(), comment, 'the comment is shown as typed');
		await check(page, 'letter page with the comment, loaded afresh');
	});

	await test.step('the editor (preview rendered in the browser) and its live preview while typing', async () => {
		await page.getByRole('link', { name: 'Edit the text' }).click();
		await page.waitForURL((url) => url.pathname === `${letterPath}/edit`);
		await visit(secondEditor, `${letterPath}/edit?lang=en`);
		await check(page, 'editor');
		await replaceInBody(page, 'PLACEHOLDER', `${P.svg} [x](javascript:${XSS}) <b onmouseover="${XSS}">bold</b>`);
		await page.getByRole('region', { name: 'Preview' }).getByText('<b onmouseover').waitFor();
		await check(page, 'editor live preview after typing');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.waitForURL((url) => url.pathname === letterPath && url.searchParams.get('saved') === 'saved');
		await check(page, 'letter page, revision 2');
	});

	await test.step("the editor's conflict view (the same passage saved meanwhile)", async () => {
		await replaceInBody(secondEditor, 'PLACEHOLDER', `<img src=z onerror="${XSS}"> ${P.script}`);
		assert.equal(await submitForStatus(secondEditor, 'Save'), 409);
		const conflict = secondEditor.getByRole('region', { name: /Passages changed since your version/ });
		await conflict.locator('ins').first().waitFor();
		await conflict.getByText('Their whole text').click();
		await check(secondEditor, 'editor conflict view');
		const passages = await diffVersions(conflict.locator('.word-diff'));
		const mine = passages.map((p) => p.after).join(' ');
		const theirs = passages.map((p) => p.before).join(' ');
		for (const text of ['src=z onerror="window.__xss=1">', '<script>window.__xss=1</script>']) {
			assert.ok(mine.includes(text), `the conflict shows ${text} as text: ${mine}`);
		}
		assert.ok(theirs.includes('onmouseover="window.__xss=1">bold</b>'), `the conflict shows their payload as text: ${theirs}`);
		const whole = await conflict.locator('details').filter({ hasText: 'Their whole text' }).locator('.quote').innerText();
		assert.ok(whole.includes(P.svg) && whole.includes(title), `their whole text is shown as text:\n${whole}`);
		await screenshot(secondEditor, `${tag}-02-conflict`);
	});

	await test.step('history, compare, coalition, coalitions, organisation and audit pages', async () => {
		await visit(page, `${letterPath}/history?lang=en`);
		await page.getByRole('heading', { level: 1, name: 'History of the English text' }).waitFor();
		await check(page, 'history');
		await page.getByRole('button', { name: 'Compare' }).click();
		await page.waitForURL((url) => url.pathname === `${letterPath}/compare`);
		await page.locator('ins').first().waitFor();
		await check(page, 'compare');
		const added = await page.locator('ins').allInnerTexts();
		assert.ok(added.join(' ').includes('<b onmouseover'), `the compare view shows the payload as text: ${added.join(' | ')}`);
		await screenshot(page, `${tag}-03-compare`);
		for (const [path, where] of [
			[coalitionPath, 'coalition page'],
			['/coalitions', 'coalitions list'],
			[organisationPath, 'organisation page'],
			['/organisations', 'organisations list'],
			[`${letterPath}/audit`, 'audit trail'],
			[`${letterPath}/settings`, 'letter settings']
		] as [string, string][]) {
			await visit(page, path);
			await check(page, where);
		}
		await visit(page, coalitionPath);
		await page.getByRole('heading', { level: 1 }).filter({ hasText: id }).waitFor();
		assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), coalition, 'the coalition name is shown as typed');
	});

	assert.deepEqual(side.pageErrors.concat(outsider.pageErrors), [], 'no uncaught errors in the pages');
});
