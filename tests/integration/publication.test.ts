import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, PASSWORD, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { editions, letters, outboxMessages, publications, coalitions } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { closeSigning } from '../../src/lib/server/signing/close-signing';
import { loadSigningText } from '../../src/lib/server/signing/signing-text';
import { renderSealedPdf } from '../../src/lib/server/seal/render-published-pdf';
import { testAppSeal } from '../helpers/seal';
import { editionPdfInput } from '../../src/lib/server/publication/edition-pdf-input';
import { contentDisposition } from '../../src/lib/server/publication/content-disposition';
import { hashBytes } from '../../src/lib/server/crypto';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

/** A letter with one organisation-only signature, closed and ready to publish. */
beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
	const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	const signer = await signedInClient(app, scene.signatory.email);
	const signed = await signer.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, password: PASSWORD, signerTitle: 'Chair' });
	expect(signed.status).toBe(303);
	await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
});

async function publish(client: TestClient, fields: Record<string, string> = {}) {
	return client.post(`/letters/${scene.letterId}/publish?/publish`, { letterDate: '2026-11-20', pageSize: 'A4', password: PASSWORD, ...fields });
}

function pdfText(bytes: Buffer): string {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pub-')), 'letter.pdf');
	fs.writeFileSync(file, bytes);
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe(`publication (${DATABASE_KIND})`, () => {
	it('only coordinators publish, only a closed letter, and only after re-entering the password', async () => {
		const signatory = await signedInClient(app, scene.signatory.email);
		expect((await publish(signatory)).status).toBe(403);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await publish(coordinator, { password: 'wrong password here' })).status).toBe(400);
		expect(await db().select().from(editions)).toHaveLength(0);
		expect((await publish(coordinator)).status).toBe(303);
		const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
		expect(letter!.state).toBe('published');
	});

	it('stores each PDF once with its SHA-256; the letter becomes read-only; signatories are told through the outbox', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await publish(coordinator);
		const [edition] = await db().select().from(editions);
		expect(edition).toMatchObject({ number: 1, letterDate: '2026-11-20', signatureCount: 1 });
		const [file] = await db().select().from(publications).where(eq(publications.editionId, edition!.id));
		expect(file!.sha256).toBe(hashBytes(file!.pdf));
		const text = pdfText(file!.pdf);
		expect(text).toContain('Open letter on civic freedoms');
		expect(text).toContain('Organisation B');
		expect(text).not.toContain('Signatory Sami');
		expect(file!.pdf.includes(Buffer.from('Signatory Sami'))).toBe(false);
		// Read-only: no edits, no comments.
		expect((await coordinator.post(`/letters/${scene.letterId}/edit?/save`, { language: 'en', title: 'x', body: 'y' })).status).toBe(403);
		expect((await coordinator.post(`/letters/${scene.letterId}?/comment`, { body: 'late' })).status).toBe(403);
		const notices = await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'published_notice'));
		expect(notices.map((n) => n.toAddress)).toContain(scene.signatory.email);
	});

	it('IG4: rendering the stored edition again gives the same bytes', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await publish(coordinator);
		const [edition] = await db().select().from(editions);
		const [file] = await db().select().from(publications);
		const [letter] = await db().select().from(letters);
		const [coalition] = await db().select().from(coalitions);
		const signingText = await loadSigningText(edition!.signingTextId);
		// Issue 15: sealed again with the same key, the bytes are the same too.
		const again = await renderSealedPdf(
			editionPdfInput({ letter: letter!, coalitionName: coalition!.name, revision: signingText!.revisions[0]!, edition: edition!, origin: app.origin }),
			testAppSeal()
		);
		expect(hashBytes(again)).toBe(file!.sha256);
	});

	it('IG3: the verification page confirms the downloaded file and a one-byte change fails', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await publish(coordinator);
		const [edition] = await db().select().from(editions);
		const [file] = await db().select().from(publications);
		const download = await fetch(`${app.origin}/publications/${file!.id}`, { headers: { cookie: `session=${coordinator.cookies.get('session')}` } });
		expect(download.status).toBe(200);
		const bytes = Buffer.from(await download.arrayBuffer());
		expect(hashBytes(bytes)).toBe(file!.sha256);
		const page = await new TestClient(app).get(`/verify/${edition!.code}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('noindex');
		const text = pageText(page.text);
		expect(text).toContain('Organisation B');
		expect(text).toContain('withheld');
		expect(text).not.toContain('Signatory Sami');
		expect(text).toContain('audit trail verifies');
		const check = async (body: Buffer) => {
			const form = new FormData();
			form.set('file', new Blob([new Uint8Array(body)], { type: 'application/pdf' }), 'letter.pdf');
			const response = await fetch(`${app.origin}/verify/${edition!.code}`, { method: 'POST', body: form, headers: { origin: app.origin, accept: 'text/html' } });
			return pageText(await response.text());
		};
		expect(await check(bytes)).toContain('Genuine');
		const changed = Buffer.from(bytes);
		const middle = Math.floor(changed.length / 2);
		changed[middle] = changed[middle]! ^ 1;
		expect(await check(changed)).toContain('NOT a published edition');
	});

	it('a new edition keeps the first one downloadable and verifiable', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await publish(coordinator);
		// Issue 13: a new edition is started only on a confirmed POST.
		expect((await coordinator.post(`/letters/${scene.letterId}/publish?/reopen`, {})).status).toBe(428);
		expect((await coordinator.post(`/letters/${scene.letterId}/publish?/reopen`, { confirm: 'yes' })).status).toBe(303);
		await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
		expect((await publish(coordinator, { letterDate: '2026-12-01' })).status).toBe(303);
		const all = await db().select().from(editions);
		expect(all.map((e) => e.number).sort()).toEqual([1, 2]);
		for (const edition of all) expect((await new TestClient(app).get(`/verify/${edition.code}`)).status).toBe(200);
	});

	it('PR2: a coalition-only letter’s page and PDFs are not public; a public one’s are, with preview metadata', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await publish(coordinator);
		const [file] = await db().select().from(publications);
		expect((await new TestClient(app).get(`/open-letters/${scene.letterId}`)).status).toBe(404);
		expect((await new TestClient(app).get(`/publications/${file!.id}`)).status).toBe(404);
		const member = await coordinator.get(`/open-letters/${scene.letterId}`);
		expect(member.status).toBe(200);
		expect(member.text).toContain('noindex');
		await db().update(letters).set({ visibility: 'public' });
		const page = await new TestClient(app).get(`/open-letters/${scene.letterId}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('og:title');
		expect(page.text).not.toContain('noindex');
		expect(pageText(page.text)).toContain('1 organisation');
		// Issue 13 point 10: dates as the letter prints them, not ISO.
		expect(pageText(page.text)).toContain('20 November 2026');
		expect(pageText(page.text)).not.toContain('2026-11-20');
		const [edition] = await db().select().from(editions);
		const verify = pageText((await new TestClient(app).get(`/verify/${edition!.code}`)).text);
		expect(verify).toContain('dated 20 November 2026');
		expect((await new TestClient(app).get(`/publications/${file!.id}`)).status).toBe(200);
	});

	it.each([
		['Open letter "quoted"', 'filename="Open letter quoted"'],
		['Line\r\nbreak', 'filename="Line break"'],
		['Нээлттэй захидал', "filename*=UTF-8''%D0%9D"],
		['a/b\\c', 'filename="a b c"']
	])('IN7: the download name %j is encoded, never injected', (name, expected) => {
		const header = contentDisposition(name);
		expect(header).toContain(expected);
		expect(header).not.toMatch(/[\r\n]/);
	});
});
