import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, PASSWORD, signedInClient } from '../helpers/factories';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { saveRevision } from '../../src/lib/server/letters/save-revision';

/*
 * Issue 13: the preview of the PDF, read back with poppler as a reader's tools would.
 * The words a preview must carry on every page, and those only a published letter
 * may carry (draw-verification.ts), are checked as text.
 */
const MARK = 'PREVIEW — not the published letter';
const VERIFICATION_WORDS = ['Verify this letter', 'Verification code', 'Signing text hash', 'Audit chain head', '/verify/', 'Digital seal'];

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

interface Download {
	status: number;
	headers: Headers;
	bytes: Buffer;
}

/** TestClient reads bodies as text; a PDF needs its bytes. Same cookies, same redirect rule. */
async function download(client: TestClient | null, pathname: string): Promise<Download> {
	const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
	const response = await fetch(new URL(pathname, app.origin), { redirect: 'manual', headers: { cookie } });
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function preview(query = '') {
	return `/letters/${scene.letterId}/preview.pdf${query}`;
}

/** Runs `read` on the PDF saved in a folder of its own, removed afterwards. */
function withSavedPdf<T>(bytes: Buffer, read: (file: string) => T): T {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-'));
	try {
		const file = path.join(dir, 'preview.pdf');
		fs.writeFileSync(file, bytes);
		return read(file);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The text of each page, whitespace folded. */
function pageTexts(bytes: Buffer): string[] {
	return withSavedPdf(bytes, (file) => {
		const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
		return Array.from({ length: pages }, (_, i) =>
			execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim()
		);
	});
}

function pdfTitle(bytes: Buffer): string {
	return withSavedPdf(bytes, (file) => /^Title:\s+(.*)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '');
}

/** Every page marked, and nothing on any page that a verifier would look for. */
function expectMarkedAndUnverifiable(pages: string[]): void {
	expect(pages.length).toBeGreaterThan(0);
	for (const [index, text] of pages.entries()) {
		expect(text, `page ${index + 1}`).toContain(MARK);
		for (const words of VERIFICATION_WORDS) expect(text, `page ${index + 1}`).not.toContain(words);
	}
}

/** Opens the letter; the coordinator signs for A without their name, the signatory for B with name and title. */
async function openAndSign() {
	const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	const coordinator = await signedInClient(app, scene.coordinator.email);
	const signatory = await signedInClient(app, scene.signatory.email);
	const signs = [
		await coordinator.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgA.id, textHash: hash, password: PASSWORD }),
		await signatory.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, password: PASSWORD, signerNamePublic: 'on', signerTitle: 'Chair' })
	];
	expect(signs.map((s) => s.status)).toEqual([303, 303]);
	return coordinator;
}

describe(`the PDF preview (${DATABASE_KIND})`, () => {
	it("a draft's preview is the letter as it would print, marked PREVIEW on every page, with no verification block", async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const response = await download(coordinator, preview());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('cache-control')).toContain('no-store');
		expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="[^"]*preview[^"]*\.pdf"/);
		expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = pageTexts(response.bytes);
		const text = pages.join(' ');
		for (const words of ['Steppe Coalition', 'Stockholm', 'To the Secretary-General of the United Nations', 'Open letter on civic freedoms', 'We write as organisations of the diaspora.', 'Protect journalists.', 'Respectfully,']) {
			expect(text).toContain(words);
		}
		expectMarkedAndUnverifiable(pages);
		expect(pdfTitle(response.bytes)).toBe('Preview: Open letter on civic freedoms');
		// The signing dashboard links to it before opening for signatures.
		expect((await coordinator.get(`/letters/${scene.letterId}/signing`)).text).toContain(`/letters/${scene.letterId}/preview.pdf?lang=en`);
	});

	it('an open letter’s preview lists the signatories as they stand now, a signer’s name and title only where they chose so', async () => {
		const coordinator = await openAndSign();
		const response = await download(coordinator, preview('?lang=en'));
		expect(response.status).toBe(200);
		const pages = pageTexts(response.bytes);
		const text = pages.join(' ');
		expect(text).toContain('Organisation A, Sweden');
		expect(text).toContain('Organisation B, Sweden');
		expect(text).toContain('Signatory Sami, Chair');
		// PR1: the coordinator signed for A without making their name public.
		expect(text).not.toContain('Coordinator Cora');
		expectMarkedAndUnverifiable(pages);
	});

	it('the sign page shows the entry as the PDF prints it, the signer’s name and title only when shown', async () => {
		const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const signatory = await signedInClient(app, scene.signatory.email);
		// The entry's text as a reader sees it: tags (<bdi>) add no space, a line break does.
		const entry = (html: string) =>
			(/<div class="preview-line[\s\S]*?<\/div>/.exec(html)?.[0] ?? '')
				.replace(/<br\s*\/?>/g, ' ')
				.replace(/<[^>]+>/g, '')
				.replace(/\s+/g, ' ');
		const page = await signatory.get(`/letters/${scene.letterId}/sign`);
		expect(entry(page.text)).toContain('Organisation B, Sweden');
		expect(entry(page.text)).not.toContain('Signatory Sami');
		// Without JavaScript the entry follows the form as sent: a refused attempt shows it with name and title.
		const refused = await signatory.post(`/letters/${scene.letterId}/sign?/sign`, {
			organisationId: scene.orgB.id,
			textHash: hash,
			password: 'not the password at all',
			signerNamePublic: 'on',
			signerTitle: 'Chair'
		});
		expect(refused.status).toBe(400);
		expect(entry(refused.text)).toContain('Organisation B, Sweden Signatory Sami, Chair');
		// The publish page links to the preview before publishing.
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.get(`/letters/${scene.letterId}/publish`)).text).toContain(`/letters/${scene.letterId}/preview.pdf?lang=en`);
	});

	it('shows every language of the letter, and refuses one it does not have', async () => {
		await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'fr',
			baseRevisionId: null,
			sourceRevisionId: scene.revisionId,
			text: { title: 'Lettre ouverte sur les libertés civiques', addressees: 'Au Secrétaire général', body: 'Nous écrivons en tant qu’organisations de la diaspora.', closing: 'Respectueusement' }
		});
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const french = await download(coordinator, preview('?lang=fr'));
		expect(french.status).toBe(200);
		const pages = pageTexts(french.bytes);
		expect(pages.join(' ')).toContain('Lettre ouverte sur les libertés civiques');
		expect(pages.join(' ')).toContain('Nous écrivons en tant qu’organisations de la diaspora.');
		expectMarkedAndUnverifiable(pages);
		expect(french.headers.get('content-disposition')).toContain('(fr, preview).pdf');
		expect((await download(coordinator, preview('?lang=de'))).status).toBe(404);
		// The editor links to each language's preview.
		const editor = await coordinator.get(`/letters/${scene.letterId}/edit`);
		expect(editor.text).toContain(`/letters/${scene.letterId}/preview.pdf?lang=en`);
		expect(editor.text).toContain(`/letters/${scene.letterId}/preview.pdf?lang=fr`);
	});

	it('a translation’s preview is marked in its own language; the preview links say which languages print English labels', async () => {
		const translation = (language: 'ja' | 'fr', title: string) =>
			saveRevision({
				actor: scene.coordinator,
				letterId: scene.letterId,
				language,
				baseRevisionId: null,
				sourceRevisionId: scene.revisionId,
				text: { title, addressees: '', body: title, closing: '' }
			});
		await translation('ja', '市民的自由に関する公開書簡');
		await translation('fr', 'Lettre ouverte sur les libertés civiques');
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const japanese = pageTexts((await download(coordinator, preview('?lang=ja'))).bytes);
		for (const page of japanese) expect(page).toContain('プレビュー — 公開された書簡ではありません');
		expect(japanese.join(' ')).not.toContain(MARK);
		const french = pageTexts((await download(coordinator, preview('?lang=fr'))).bytes);
		for (const page of french) expect(page).toContain(MARK);
		for (const screen of ['publish', 'edit']) {
			const html = (await coordinator.get(`/letters/${scene.letterId}/${screen}`)).text;
			const note = /data-testid="english-labels"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
			expect(note).toContain('not yet translated into French');
			expect(note).not.toContain('Japanese');
		}
	});

	it('is for those who may read the draft: the coalition; others get the answer for a missing letter, and anonymous visitors sign in', async () => {
		const missing = await download(await signedInClient(app, scene.coordinator.email), '/letters/nosuchletter000/preview.pdf');
		expect(missing.status).toBe(404);
		const cases = [
			{ who: 'coordinator', email: scene.coordinator.email, status: 200 },
			{ who: 'signatory of a member organisation', email: scene.signatory.email, status: 200 },
			{ who: 'plain member of a member organisation', email: scene.member.email, status: 200 },
			{ who: 'outsider', email: scene.outsider.email, status: 404 }
		];
		for (const { who, email, status } of cases) {
			const response = await download(await signedInClient(app, email), preview());
			expect(response.status, who).toBe(status);
			if (status === 404) expect(response.bytes.toString('utf8'), who).toBe(missing.bytes.toString('utf8').replaceAll('nosuchletter000', scene.letterId));
		}
		const anonymous = await download(null, preview('?lang=en'));
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/sign-in?redirectTo=${encodeURIComponent(preview('?lang=en'))}`);
	});

	it('refuses hostile input with a 4xx, never a 500', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const paths = [
			preview('?lang='),
			preview('?lang=%00'),
			preview('?lang=en%00'),
			preview('?lang=%3Cscript%3E'),
			preview(`?lang=${'a'.repeat(500)}`),
			preview('?lang=%ED%A0%80'),
			preview('?lang=zz'),
			`/letters/${scene.letterId}%00/preview.pdf`,
			`/letters/%00/preview.pdf?lang=en`,
			`/letters/${'x'.repeat(300)}/preview.pdf`
		];
		for (const pathname of paths) {
			const { status } = await download(coordinator, pathname);
			expect(status, pathname).toBeGreaterThanOrEqual(400);
			expect(status, pathname).toBeLessThan(500);
		}
	});
});
