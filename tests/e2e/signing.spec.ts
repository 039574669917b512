import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from '@playwright/test';
import { checkPage, codeIn, createOrganisation, linkIn, phoneScreenshot, screenshot, signUpAndConfirm, startCoalition, test, unique, visit } from './support/fixtures';

/*
 * Signing (issue 4) as people do it: a coordinator opens a letter for signatures
 * and invites, by e-mail, an organisation outside the coalition whose name is in
 * another script; its owner signs up from the invitation, signs in the
 * organisation's name with their own name kept private (PR1), is refused for a
 * wrong password (AU8), gets a receipt bound to the text's hash, and withdraws.
 */

/** What the app says (src/routes/letters/[id]/sign, signing, signatures/[signatureId]). */
const SIGNED_MESSAGE = 'Signed. A receipt is on its way to you and to the owners of your organisation.';
const WRONG_PASSWORD = 'That password is not right.';
const WITHDRAWN_MESSAGE = 'The signature was withdrawn. It no longer appears anywhere.';
const NAME_CHECKBOX = 'Show my name and title in the signatory list';

/**
 * Organisation B's name per run: Cyrillic (Mongolian) with JavaScript on, Arabic
 * script (right to left) with it off, so both kinds of script pass through every page.
 */
const ORGANISATION_B = { js: 'Нүүдэлчдийн Холбоо', nojs: 'اتحاد الرعاة الرحل' };

/**
 * Text nodes under `main` that contain `text` but sit outside a <bdi> (IN4); an
 * <option> or a form field cannot hold one, so those are left out. Also returns how
 * many text nodes hold `text` at all, so a check cannot pass on a page without it.
 */
async function isolation(page: Page, text: string) {
	return page.locator('main').evaluate((main, needle) => {
		const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
		let found = 0;
		const bare: string[] = [];
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if (!(node.nodeValue ?? '').includes(needle)) continue;
			const element = node.parentElement;
			if (!element || element.closest('option, textarea, script, style')) continue;
			found += 1;
			if (!element.closest('bdi')) bare.push(`<${element.tagName.toLowerCase()}> "${node.nodeValue}"`);
		}
		return { found, bare };
	}, text);
}

/**
 * Fails unless `text` appears under `main` and every occurrence is inside a <bdi>.
 */
async function assertIsolated(page: Page, text: string, where: string) {
	const { found, bare } = await isolation(page, text);
	assert.ok(found > 0, `${where}: "${text}" is on the page`);
	assert.deepEqual(bare, [], `${where}: "${text}" outside a <bdi>`);
}

/**
 * How a signatory line ("<bdi>Name</bdi>, Country") inside `line` is laid out: the
 * name isolated in its <bdi>, and whether it stands left of the country, as it must
 * in a left-to-right page (the letter's language is English).
 */
function lineLayout(line: Locator, name: string) {
	return line.evaluate((element, organisation) => {
		const bdi = [...element.querySelectorAll('bdi')].find((b) => (b.textContent ?? '').trim() === organisation);
		if (!bdi) return null;
		const after = bdi.nextSibling;
		if (!after || after.nodeType !== Node.TEXT_NODE || !(after.nodeValue ?? '').startsWith(', ')) return null;
		const range = document.createRange();
		range.setStart(after, 2);
		range.setEnd(after, (after.nodeValue ?? '').trimEnd().length);
		const country = range.getBoundingClientRect();
		return {
			direction: element.matches(':dir(rtl)') ? 'rtl' : 'ltr',
			nameLeftOfCountry: bdi.getBoundingClientRect().right <= country.left + 1,
			text: element.textContent ?? ''
		};
	}, name);
}

/**
 * Fails if `needles` occur in `haystack`, naming which.
 */
function assertAbsent(haystack: string, needles: Record<string, string>, where: string) {
	const found = Object.entries(needles).filter(([, value]) => haystack.includes(value));
	assert.deepEqual(found.map(([what]) => what), [], `${where} holds ${found.map(([what, value]) => `${what} "${value}"`).join(', ')}`);
}

/*
 * The signing journey: open for signatures with a deadline, invitations (members,
 * by e-mail, reminders), an outside organisation signing through its owner, refusal
 * of a wrong password, receipt, the signatory list and CSV without the signer's
 * name, withdrawal, closing and reopening.
 */
test('signing: open, invite by e-mail, sign with the name private, wrong password, receipt, list and CSV, withdraw', async ({ newSide, mailbox, origin, javaScriptEnabled }) => {
	const mode = javaScriptEnabled ? 'js' : 'nojs';
	const tag = `signing-${mode}`;
	const id = unique();
	const a = { name: `Oyunchimeg ${mode} ${id}`, email: `oyunchimeg.${mode}.${id}@example.org`, password: `felt ger ${id} lantern` };
	const b = { name: `Batbayar Dorj ${mode} ${id}`, email: `batbayar.${mode}.${id}@example.org`, password: `iron stirrup ${id} wind` };
	const organisationA = `Gobi Water Watch ${mode} ${id}`;
	const organisationB = ORGANISATION_B[mode];
	const lineB = `${organisationB}, Sweden`;
	const coalitionName = `Water for the Gobi ${mode} ${id}`;
	const title = `Open letter on herders' water ${mode} ${id}`;
	const signerTitle = `Chair of the board ${id}`;
	const statement = `We stand with the herders of the Gobi (${id}).`;
	const deadlineYear = new Date().getUTCFullYear() + 1;
	const zone = 'Asia/Ulaanbaatar';
	/** What nobody outside organisation B may see while B's name is private (PR1). */
	const nameAndTitle = { 'B’s name': b.name, 'B’s title': signerTitle };
	/** What the list, its data and the CSV must never hold. */
	const privateOfB = { ...nameAndTitle, 'B’s e-mail address': b.email };

	// A's browser says Ulaanbaatar, so with JavaScript the deadline's zone starts there.
	const aSide = await newSide({ timezoneId: zone });
	const bSide = await newSide();
	const aPage = await aSide.context.newPage();
	const bPage = await bSide.context.newPage();
	let letterPath = '';
	let hash = '';
	let invitationLink = '';
	let receiptLink = '';

	/** A's dashboard, loaded afresh. */
	const dashboard = async () => {
		await visit(aPage, `${letterPath}/signing`);
		await aPage.getByRole('heading', { level: 1, name: `Signing: ${title}` }).waitFor();
	};
	/** The invitations table's row holding `text`. */
	const invitationRow = (text: string) => aPage.locator('main table tbody tr').filter({ hasText: text });
	const signForm = () => bPage.locator('form').filter({ has: bPage.getByRole('button', { name: 'Sign', exact: true }) });

	await test.step('A signs up, creates organisation A, a coalition and a letter', async () => {
		await signUpAndConfirm(aPage, mailbox, a);
		await createOrganisation(aPage, { name: organisationA, city: 'Dalanzadgad' });
		const coalitionPath = await startCoalition(aPage, { name: coalitionName, organisation: organisationA });
		await aPage.getByRole('link', { name: 'Start a letter' }).click();
		await aPage.waitForURL((url) => url.pathname === `${coalitionPath}/letters/new`);
		await aPage.waitForLoadState('networkidle');
		await aPage.getByLabel('Title', { exact: true }).fill(title);
		await aPage.getByLabel('Addressees').fill('To the Minister of Environment and Tourism\nUlaanbaatar');
		await aPage.getByLabel('Text', { exact: true }).fill(
			'Dear Minister,\n\nWe ask you to:\n\n1. Publish every mining licence granted since 2020.\n2. Meet herder communities before the next licensing round.'
		);
		await aPage.getByLabel('Closing').fill('Respectfully,\nThe undersigned organisations');
		await aPage.getByRole('button', { name: 'Create the draft' }).click();
		await aPage.waitForURL((url) => /^\/letters\/[^/]+$/.test(url.pathname));
		letterPath = new URL(aPage.url()).pathname;
		await aPage.locator('article.letter-paper').getByRole('heading', { level: 1, name: title }).waitFor();
	});

	await test.step('A opens the letter for signatures with a deadline in Ulaanbaatar time; the dashboard shows the hash', async () => {
		await aPage.getByRole('navigation', { name: 'Letter' }).getByRole('link', { name: 'Signing' }).click();
		await aPage.waitForURL((url) => url.pathname === `${letterPath}/signing`);
		await aPage.waitForLoadState('networkidle');
		const form = aPage.locator('form').filter({ has: aPage.getByRole('heading', { name: 'Open for signatures' }) });
		const zoneField = form.getByLabel('Time zone of the deadline');
		// The server cannot know the coordinator's zone: UTC without JavaScript, the browser's with it.
		assert.equal(await zoneField.inputValue(), javaScriptEnabled ? zone : 'UTC', 'the time zone offered first');
		await form.getByLabel('Deadline (optional)').fill(`${deadlineYear}-12-01T18:00`);
		await zoneField.selectOption(zone);
		await form.getByRole('button', { name: 'Open for signatures' }).click();
		// Issue 13: opening freezes the text, so it asks first (a dialog with JavaScript, a confirm state without).
		await aPage.getByRole('button', { name: 'Freeze the text and open' }).click();
		await aPage.getByText('The letter is open for signatures.').waitFor();
		const card = aPage.locator('main section.card').first();
		await card.getByText('Open for signatures', { exact: true }).waitFor();
		await card.getByText(`Deadline: 1 December ${deadlineYear} at 18:00 (${zone}).`).waitFor();
		hash = (await card.locator('code').innerText()).trim();
		assert.match(hash, /^[0-9a-f]{64}$/, 'the signing text hash (SHA-256, hex)');
		await card.getByText('Signing text 1, frozen').waitFor();
		for (const button of ['Close signing', 'Invite all member organisations', 'Send reminders']) {
			await aPage.getByRole('button', { name: button, exact: true }).waitFor();
		}
		await card.getByRole('link', { name: 'Signatory list' }).waitFor();
		await card.getByRole('link', { name: 'Download CSV' }).waitFor();
		await aPage.getByRole('heading', { name: 'Signatures (0)' }).waitFor();
		await screenshot(aPage, `${tag}-01-dashboard-open`);
	});

	await test.step('A invites the member organisations, then reminds them; the mails arrive', async () => {
		await aPage.getByRole('button', { name: 'Invite all member organisations' }).click();
		await aPage.getByText('1 member organisation invited.').waitFor();
		const invitation = await mailbox.waitFor({ to: a.email, subject: `Invitation to sign “${title}”` });
		assert.match(invitation.text, new RegExp(`^Read and sign: ${origin}${letterPath}/sign\\?ui=en$`, 'm'), 'the members’ mail links to the sign page, in its reader’s language');
		await invitationRow(organisationA).getByRole('cell', { name: 'Invited', exact: true }).waitFor();
		await aPage.getByRole('button', { name: 'Invite all member organisations' }).click();
		await aPage.getByText('Every member organisation was already invited.').waitFor();
		await aPage.getByRole('button', { name: 'Send reminders' }).click();
		await aPage.getByText('Reminders sent to 1 organisation.').waitFor();
		await mailbox.waitFor({ to: a.email, subject: `Reminder: “${title}” is waiting for your organisation` });
		await aPage.getByRole('button', { name: 'Send reminders' }).click();
		await aPage.getByText('Nobody to remind: everyone pending was reminded within the last day.').waitFor();
	});

	await test.step('A invites B, outside the coalition, by e-mail; the mail carries a single-use link', async () => {
		await aPage.getByLabel('Invite another organisation by e-mail').fill(b.email);
		await aPage.getByRole('button', { name: 'Invite', exact: true }).click();
		await aPage.getByText(`Invitation sent to ${b.email}.`).waitFor();
		await invitationRow(b.email).getByRole('cell', { name: 'Invitation sent by e-mail' }).waitFor();
		const mail = await mailbox.waitFor({ to: b.email, subject: `Invitation to sign “${title}”` });
		assert.ok(mail.text.includes(a.name) && mail.text.includes(coalitionName), `the mail names who invites, for which coalition:\n${mail.text}`);
		assert.ok(mail.text.includes(`Signatures are collected until 1 December ${deadlineYear} at 18:00 (${zone}).`), `the mail gives the deadline:\n${mail.text}`);
		invitationLink = linkIn(mail, '/sign-invitations/');
		assert.ok(invitationLink.startsWith(`${origin}/sign-invitations/`), `the link uses ORIGIN: ${invitationLink}`);
	});

	await test.step('B opens the link signed out, creates an account from it and comes back to the invitation', async () => {
		await visit(bPage, invitationLink);
		const main = bPage.locator('main');
		await main.getByText('Your organisation is invited to sign the open letter').waitFor();
		await main.locator('bdi').filter({ hasText: title }).waitFor();
		await main.getByRole('link', { name: 'Create an account' }).click();
		await bPage.waitForURL((url) => url.pathname === '/sign-up');
		await bPage.waitForLoadState('networkidle');
		await bPage.getByLabel('Your name').fill(b.name);
		await bPage.getByLabel('E-mail address').fill(b.email);
		await bPage.getByLabel('Password').fill(b.password);
		await bPage.getByRole('button', { name: 'Create account', exact: true }).click();
		await bPage.waitForURL('**/verify-email');
		const mail = await mailbox.waitFor({ to: b.email, subject: 'Confirm your e-mail address' });
		await bPage.getByLabel('Code from the mail').fill(codeIn(mail));
		await bPage.getByRole('button', { name: 'Confirm', exact: true }).click();
		const invitationPath = new URL(invitationLink).pathname;
		await bPage.waitForURL((url) => url.pathname === invitationPath);
		await main.getByText('You are not a signatory or owner of any organisation yet.').waitFor();
		await main.getByRole('link', { name: 'Create an organisation' }).waitFor();
	});

	await test.step(`B creates organisation B ("${organisationB}", Sweden) and takes the invitation for it`, async () => {
		await createOrganisation(bPage, { name: organisationB, country: 'Sweden', city: 'Malmö' });
		await assertIsolated(bPage, organisationB, 'organisation page');
		await visit(bPage, invitationLink);
		const main = bPage.locator('main');
		const chooser = main.getByLabel('Organisation that answers');
		await chooser.selectOption({ label: organisationB });
		await screenshot(bPage, `${tag}-02-sign-invitation`);
		await main.getByRole('button', { name: 'Continue to the letter' }).click();
		await bPage.waitForURL((url) => url.pathname === `${letterPath}/sign`);
		await bPage.getByRole('heading', { level: 1, name: 'Read and sign' }).waitFor();
	});

	await test.step('the sign page: the text, its hash, B’s organisation as "Name, Sweden", the name private by default', async () => {
		await bPage.waitForLoadState('networkidle');
		const main = bPage.locator('main');
		await main.locator('article.letter-paper').getByRole('heading', { name: title }).waitFor();
		await main.getByText(`until 1 December ${deadlineYear} at 18:00 (${zone})`).waitFor();
		assert.equal((await main.locator('p.muted code').innerText()).trim(), hash, 'the sign page shows the hash the dashboard shows');
		assert.equal(await main.getByRole('link', { name: 'The letter in the coalition' }).count(), 0, 'B is not in the coalition');
		const organisations = main.getByRole('group', { name: 'Organisation that signs' }).getByRole('radio');
		assert.equal(await organisations.count(), 1, 'one organisation may sign');
		const radio = main.getByRole('radio', { name: lineB, exact: true });
		assert.ok(await radio.isChecked(), 'organisation B is chosen');
		const checkbox = main.getByRole('checkbox', { name: NAME_CHECKBOX });
		assert.equal(await checkbox.isChecked(), false, 'the name is private unless chosen');
		const preview = main.locator('.preview-line');
		await preview.getByText('This is the line that will appear in the signatory list and the PDF:').waitFor();
		assert.equal(await preview.locator('strong').innerText(), lineB, 'the preview shows the exact list line');
		assert.ok(!(await preview.innerText()).includes(b.name), 'the preview leaves the private name out');
		if (javaScriptEnabled) {
			// The preview follows the checkbox.
			await checkbox.check();
			await preview.getByText(b.name).waitFor();
			await checkbox.uncheck();
			await preview.getByText(b.name).waitFor({ state: 'detached' });
		}
		// B signed up minutes ago: the password is not needed, but may be given.
		await main.getByLabel('Your password (not needed: you confirmed it a moment ago)').waitFor();
		await assertIsolated(bPage, organisationB, 'sign page');
		await checkPage(bPage, `${tag}-03-sign-page`, javaScriptEnabled);
	});

	await test.step(
		`the line "${lineB}" reads name first in the left-to-right page`,
		async () => {
			const layout = await lineLayout(bPage.locator('.preview-line strong').first(), organisationB);
			assert.ok(layout, 'the preview line is a text node');
			assert.ok(layout.nameLeftOfCountry, `the preview shows "${layout.text}" (resolved ${layout.direction}) with the country left of the name, its comma on the wrong side`);
		}
	);

	await test.step('a wrong password is refused: nothing signed, the form keeps what B typed', async () => {
		const form = signForm();
		await form.getByLabel(/^Your title/).fill(signerTitle);
		await form.getByLabel('Short statement (optional)').fill(statement);
		await form.getByLabel(/^Your password/).fill(`${b.password} typo`);
		await form.getByRole('button', { name: 'Sign', exact: true }).click();
		const error = bPage.locator('#field-password-error');
		await error.waitFor();
		assert.equal(await error.innerText(), WRONG_PASSWORD);
		assert.equal(new URL(bPage.url()).searchParams.has('signed'), false, 'not sent on as signed');
		const kept = signForm();
		assert.equal(await kept.getByLabel('Short statement (optional)').inputValue(), statement, 'the statement is kept');
		assert.equal(await kept.getByLabel(/^Your title/).inputValue(), signerTitle, 'the title is kept');
		assert.equal(await kept.getByRole('checkbox', { name: NAME_CHECKBOX }).isChecked(), false, 'the name stays private');
		assert.ok(await kept.getByRole('radio', { name: lineB, exact: true }).isChecked(), 'organisation B stays chosen');
		assert.equal(await kept.getByLabel(/^Your password/).getAttribute('aria-invalid'), 'true', 'the password field is marked');
		assert.equal(await bPage.getByText(SIGNED_MESSAGE).count(), 0);
		await screenshot(bPage, `${tag}-04-wrong-password`);
		await visit(bPage, `${letterPath}/sign`);
		assert.equal(await bPage.getByText('has signed.').count(), 0, 'the sign page shows no signature');
		await signForm().waitFor();
		assert.ok(!(await mailbox.messages()).some((m) => m.subject.startsWith('Receipt:') && m.to.includes(b.email.toLowerCase())), 'no receipt was sent');
	});

	await test.step('B signs with the password, the name private; the page confirms and offers the receipt', async () => {
		const form = signForm();
		// After the refusal B types the title and statement again on a fresh page.
		await form.getByLabel(/^Your title/).fill(signerTitle);
		await form.getByLabel('Short statement (optional)').fill(statement);
		await form.getByLabel(/^Your password/).fill(b.password);
		await form.getByRole('button', { name: 'Sign', exact: true }).click();
		await bPage.waitForURL((url) => url.pathname === `${letterPath}/sign` && url.searchParams.get('signed') === '1');
		await bPage.getByText(SIGNED_MESSAGE).waitFor();
		const card = bPage.locator('main .card').filter({ hasText: 'has signed.' });
		await card.locator('strong').filter({ hasText: lineB }).waitFor();
		await card.locator('bdi').filter({ hasText: organisationB }).waitFor();
		await card.getByRole('link', { name: 'See the signature or withdraw it' }).waitFor();
		assert.equal(await signForm().count(), 0, 'no second signature is offered');
		await assertIsolated(bPage, organisationB, 'sign page after signing');
		await screenshot(bPage, `${tag}-05-signed`);
	});

	await test.step('the receipt reaches B (signer and owner, once), states the hash and links the signature; A gets none', async () => {
		const mail = await mailbox.waitFor({ to: b.email, subject: 'Receipt:' });
		assert.equal(mail.subject, `Receipt: ${organisationB} signed “${title}”`);
		assert.ok(mail.text.includes(`You signed the letter “${title}” on behalf of ${organisationB}`), `the receipt says who signed for whom:\n${mail.text}`);
		assert.ok(mail.text.includes(`The text signed has the SHA-256 hash ${hash}.`), `the receipt states the hash:\n${mail.text}`);
		receiptLink = linkIn(mail, `${letterPath}/signatures/`);
		assert.ok(receiptLink.startsWith(origin), `the link uses ORIGIN: ${receiptLink}`);
		const receipts = (await mailbox.messages()).filter((m) => m.subject.startsWith('Receipt:'));
		assert.equal(receipts.filter((m) => m.to.includes(b.email.toLowerCase())).length, 1, 'one receipt to B, who is both signer and owner');
		assert.equal(receipts.filter((m) => m.to.includes(a.email.toLowerCase())).length, 0, 'the coordinator is no owner of B and gets no receipt');
	});

	await test.step('A sees "Signed" and B’s organisation on the dashboard, without B’s name', async () => {
		await dashboard();
		await invitationRow(organisationB).getByRole('cell', { name: 'Signed', exact: true }).waitFor();
		await aPage.getByText('2 invited · 1 signed · 0 declined · 0 opened · 1 pending').waitFor();
		await aPage.getByRole('heading', { name: 'Signatures (1)' }).waitFor();
		await aPage.locator('main ol li').filter({ hasText: lineB }).locator('bdi').filter({ hasText: organisationB }).waitFor();
		await assertIsolated(aPage, organisationB, 'signing dashboard');
		// The coordinators typed B's address themselves, so the dashboard may show it;
		// the signer's name and title are the organisation's business (PR1).
		assertAbsent(await aPage.content(), nameAndTitle, 'the dashboard’s HTML');
		const data = await aPage.request.get(`${letterPath}/signing/__data.json`);
		assert.equal(data.status(), 200);
		assertAbsent(await data.text(), nameAndTitle, 'the dashboard’s __data.json');
		await screenshot(aPage, `${tag}-06-dashboard-signed`);
	});

	await test.step('the signatory list: "1 organisation", B’s line and statement, no name in the page, its data or the CSV', async () => {
		await aPage.locator('main section.card').getByRole('link', { name: 'Signatory list' }).click();
		await aPage.waitForURL((url) => url.pathname === `${letterPath}/signatories`);
		const main = aPage.locator('main');
		await main.getByText('1 organisation', { exact: true }).waitFor();
		const entries = main.locator('.signatories > li');
		assert.equal(await entries.count(), 1);
		assert.equal(await entries.first().locator('bdi').first().innerText(), organisationB, 'the name alone is isolated');
		assert.ok((await entries.first().innerText()).startsWith(lineB), 'the list shows the line B saw before signing');
		await entries.first().getByText(statement).waitFor();
		await assertIsolated(aPage, organisationB, 'signatory list');
		// With JavaScript the page came by client-side navigation, and the document still
		// carries the dashboard's data (with the address A typed); so the page as the
		// server sends it, and what this page renders, are checked apart.
		assertAbsent(await main.innerHTML(), privateOfB, 'the signatory list as rendered');
		const html = await aPage.request.get(`${letterPath}/signatories`);
		assert.equal(html.status(), 200);
		assertAbsent(await html.text(), privateOfB, 'the signatory list’s HTML');
		const data = await aPage.request.get(`${letterPath}/signatories/__data.json`);
		assert.equal(data.status(), 200);
		const json = await data.text();
		assert.ok(json.includes(organisationB), `the list’s data holds the organisation:\n${json.slice(0, 500)}`);
		assertAbsent(json, privateOfB, 'the signatory list’s __data.json');
		const csv = await aPage.request.get(`${letterPath}/signatories.csv`);
		assert.equal(csv.status(), 200);
		assert.match(csv.headers()['content-type'] ?? '', /^text\/csv; charset=utf-8/);
		const text = await csv.text();
		assertAbsent(text, privateOfB, 'the CSV');
		const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
		assert.equal(rows.length, 1, `one row:\n${text}`);
		const row = rows[0];
		assert.ok(row);
		assert.equal(row.Organisation, organisationB);
		assert.equal(row.Country, 'Sweden');
		assert.equal(row['Country code'], 'SE');
		assert.equal(row.Signer, '', 'no signer');
		assert.equal(row['Signer title'], '', 'no title');
		assert.equal(row.Statement, statement);
		await screenshot(aPage, `${tag}-07-signatory-list`);
		await phoneScreenshot(aPage, `${tag}-07-signatory-list-phone`);
	});

	await test.step(
		`the list shows "${lineB}" name first, as on the sign page`,
		async () => {
			const layout = await lineLayout(aPage.locator('main .signatories > li').first(), organisationB);
			assert.ok(layout, 'the list line is a text node');
			assert.ok(layout.nameLeftOfCountry, `the list shows "${layout.text}" (resolved ${layout.direction}) with the country left of the name`);
		}
	);

	await test.step('the list of a letter visible to the coalition is not B’s to see (B is outside it)', async () => {
		const answer = await bPage.request.get(`${letterPath}/signatories`);
		assert.equal(answer.status(), 404);
		const csv = await bPage.request.get(`${letterPath}/signatories.csv`);
		assert.equal(csv.status(), 404);
	});

	await test.step('B opens the receipt link and withdraws the signature', async () => {
		await visit(bPage, receiptLink);
		await bPage.getByRole('heading', { level: 1, name: 'Signature' }).waitFor();
		const details = bPage.locator('main dl');
					const detail = (term: string) => details.locator(`dt:text-is("${term}") + dd`);
		assert.equal(await detail('Organisation').innerText(), organisationB);
		assert.equal(await detail('Letter').innerText(), title);
		assert.equal(await detail('Signed by').innerText(), `${b.name}, ${signerTitle} (name withheld from the public)`);
		assert.equal(await detail('Text hash').innerText(), hash);
		assert.equal(await detail('Statement').innerText(), statement);
		assert.equal(await detail('Status').innerText(), 'Counts');
		await assertIsolated(bPage, organisationB, 'signature page');
		await checkPage(bPage, `${tag}-08-receipt`, javaScriptEnabled);
		// AU8: ending a signature is as deliberate as making one: a confirmation that
		// names the letter, and the password unless it was entered in the last minutes.
		await bPage.getByLabel(`Withdraw ${organisationB}’s signature from “${title}”`).check();
		const password = bPage.getByLabel('Your password, to confirm');
		if (await password.count()) await password.fill(b.password);
		await bPage.getByRole('button', { name: 'Withdraw my signature' }).click();
		await bPage.getByText(WITHDRAWN_MESSAGE).waitFor();
		await detail('Status').getByText(/^Withdrawn by the signer \(/).waitFor();
		assert.equal(await bPage.getByRole('button', { name: 'Withdraw my signature' }).count(), 0, 'nothing left to withdraw');
		await screenshot(bPage, `${tag}-09-withdrawn`);
	});

	await test.step('the list shows 0 organisations; the dashboard none and B’s invitation "Opened"', async () => {
		await visit(aPage, `${letterPath}/signatories`);
		await aPage.locator('main').getByText('0 organisations', { exact: true }).waitFor();
		assert.equal(await aPage.locator('main .signatories > li').count(), 0);
		assert.equal(await aPage.locator('main').getByText(organisationB).count(), 0, 'the organisation is gone from the list');
		const rows = parse(await (await aPage.request.get(`${letterPath}/signatories.csv`)).text(), { bom: true, columns: true });
		assert.equal(rows.length, 0, 'the CSV has no rows');
		await dashboard();
		await aPage.getByRole('heading', { name: 'Signatures (0)' }).waitFor();
		await aPage.getByText('No signatures yet.').waitFor();
		await invitationRow(organisationB).getByRole('cell', { name: 'Opened', exact: true }).waitFor();
	});

	await test.step('A closes signing: B’s sign page says so and offers no form; A reopens it', async () => {
		await aPage.getByRole('button', { name: 'Close signing' }).click();
		await aPage.getByText('Signing is closed.').waitFor();
		await aPage.locator('main section.card .badge').getByText('Closed', { exact: true }).waitFor();
		await visit(bPage, `${letterPath}/sign`);
		await bPage.locator('main .badge').getByText('Signing is closed').waitFor();
		assert.equal(await signForm().count(), 0, 'no sign form while closed');
		await aPage.getByRole('button', { name: 'Reopen signing' }).click();
		await aPage.getByText('Signing is open again.').waitFor();
		await aPage.getByRole('button', { name: 'Close signing' }).waitFor();
		await visit(bPage, `${letterPath}/sign`);
		await signForm().waitFor();
	});

	assert.deepEqual(aSide.pageErrors.concat(bSide.pageErrors), [], 'no uncaught errors in the pages');
	assert.deepEqual(aSide.dialogs.concat(bSide.dialogs), [], 'no dialogs');
});
