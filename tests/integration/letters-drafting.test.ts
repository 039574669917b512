import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { letterRevisions } from '../../src/lib/server/db/schema';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import { letterContentHash } from '../../src/lib/server/letters/canonical';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

const BODY = 'We write as organisations of the diaspora.\n\nWe ask you to:\n\n1. Acknowledge the decline.\n2. Protect journalists.';
const base = {
	title: 'Open letter on civic freedoms',
	addressees: 'To the Secretary-General of the United Nations',
	body: BODY,
	closing: 'Respectfully,\nThe undersigned organisations'
};

async function revisions(language = 'en') {
	return db()
		.select()
		.from(letterRevisions)
		.where(and(eq(letterRevisions.letterId, scene.letterId), eq(letterRevisions.language, language)))
		.orderBy(asc(letterRevisions.number));
}

describe(`revisions that never lose work (${DATABASE_KIND})`, () => {
	it('stores every save as an immutable revision with author, base and the hash of its canonical form', async () => {
		const text = { ...base, body: `${BODY}\n3. Support monitoring.` };
		const outcome = await saveRevision({ actor: scene.signatory, letterId: scene.letterId, language: 'en', baseRevisionId: scene.revisionId, text });
		expect(outcome.status).toBe('saved');
		const [first, second] = await revisions();
		expect(second).toMatchObject({ number: 2, baseRevisionId: first!.id, authorId: scene.signatory.id });
		expect(second!.contentHash).toBe(letterContentHash('en', text));
		expect(second!.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(first!.body).toBe(BODY);
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('two parallel saves on one base, in different paragraphs: both texts survive', async () => {
		const mine = { ...base, body: BODY.replace('of the diaspora', 'of the worldwide diaspora') };
		const theirs = { ...base, body: BODY.replace('Protect journalists.', 'Protect journalists and civic organisers.') };
		const outcomes = await Promise.all([
			saveRevision({ actor: scene.coordinator, letterId: scene.letterId, language: 'en', baseRevisionId: scene.revisionId, text: mine }),
			saveRevision({ actor: scene.signatory, letterId: scene.letterId, language: 'en', baseRevisionId: scene.revisionId, text: theirs })
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['merged', 'saved']);
		const head = await findHeadRevision(scene.letterId, 'en');
		expect(head!.number).toBe(3);
		expect(head!.body).toContain('of the worldwide diaspora');
		expect(head!.body).toContain('Protect journalists and civic organisers.');
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('six parallel saves of different, non-adjacent words: every change is in the final text, numbers have no gaps', async () => {
		// Edits to words that touch are a conflict by design (see merge-text.ts), so these are apart.
		const words = ['Acknowledge', 'decline', 'Protect', 'write', 'organisations', 'ask'];
		const outcomes = await Promise.all(
			words.map((word, i) =>
				saveRevision({
					actor: scene.coordinator,
					letterId: scene.letterId,
					language: 'en',
					baseRevisionId: scene.revisionId,
					text: { ...base, body: BODY.replace(word, `${word}${i}`) }
				})
			)
		);
		expect(outcomes.every((o) => o.status === 'saved' || o.status === 'merged')).toBe(true);
		const all = await revisions();
		expect(all.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		const head = all.at(-1)!;
		words.forEach((word, i) => expect(head.body).toContain(`${word}${i}`));
	});

	it('overlapping changes are not saved: the writer gets both versions, marked, and saves a resolution on the new head', async () => {
		await saveRevision({
			actor: scene.signatory,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { ...base, body: BODY.replace('Acknowledge the decline.', 'Acknowledge the steep decline.') }
		});
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const mine = BODY.replace('Acknowledge the decline.', 'Acknowledge the sharp decline.');
		const response = await coordinator.post(`/letters/${scene.letterId}/edit?/save`, {
			language: 'en',
			baseRevisionId: scene.revisionId,
			...base,
			body: mine
		});
		expect(response.status).toBe(409);
		const text = pageText(response.text);
		expect(text).toContain('Changes were saved to the same passages while you were editing');
		expect(text).toContain('steep'); // their version of the passage
		expect(text).toContain('sharp'); // mine
		expect(response.text).toMatch(/<del[^>]*>/);
		expect(response.text).toMatch(/<ins[^>]*>/);
		expect(response.text).toMatch(/<textarea[^>]*name="body"[^>]*>[^<]*Acknowledge the sharp decline\./);
		expect((await revisions()).length).toBe(2);
		const head = await findHeadRevision(scene.letterId, 'en');
		expect(response.text).toContain(`name="baseRevisionId" value="${head!.id}"`);
		const resolved = await coordinator.post(`/letters/${scene.letterId}/edit?/save`, {
			language: 'en',
			baseRevisionId: head!.id,
			...base,
			body: BODY.replace('Acknowledge the decline.', 'Acknowledge the sharp and steep decline.')
		});
		expect(resolved.status).toBe(303);
		expect((await findHeadRevision(scene.letterId, 'en'))!.body).toContain('Acknowledge the sharp and steep decline.');
	});

	it('edits to different words of one sentence merge', async () => {
		await saveRevision({
			actor: scene.signatory,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { ...base, body: BODY.replace('Acknowledge the decline.', 'Publicly acknowledge the decline.') }
		});
		const outcome = await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { ...base, body: BODY.replace('Acknowledge the decline.', 'Acknowledge the sharp decline.') }
		});
		expect(outcome.status).toBe('merged');
		expect((await findHeadRevision(scene.letterId, 'en'))!.body).toContain('Publicly acknowledge the sharp decline.');
	});

	it('bad input on the editor keeps everything typed, with a message', async () => {
		const signatory = await signedInClient(app, scene.signatory.email);
		const response = await signatory.post(`/letters/${scene.letterId}/edit?/save`, {
			language: 'en',
			baseRevisionId: scene.revisionId,
			title: 'Bad\u0000title',
			addressees: 'To all',
			body: 'My long careful paragraph that must not be lost.',
			closing: ''
		});
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain('NUL');
		expect(response.text).toContain('My long careful paragraph that must not be lost.');
		expect((await revisions()).length).toBe(1);
	});

	it('translations have their own revisions and show when they were made from an older primary text', async () => {
		const primary = await findHeadRevision(scene.letterId, 'en');
		await saveRevision({
			actor: scene.signatory,
			letterId: scene.letterId,
			language: 'mn',
			baseRevisionId: null,
			sourceRevisionId: primary!.id,
			text: { title: 'Иргэний эрх чөлөөний тухай нээлттэй захидал', addressees: '', body: 'Бид Өвөр Үүрд...', closing: '' }
		});
		const signatory = await signedInClient(app, scene.signatory.email);
		let page = pageText((await signatory.get(`/letters/${scene.letterId}`)).text);
		expect(page).toContain('Mongolian');
		expect(page).toContain('up to date');
		await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: primary!.id,
			text: { ...base, body: `${BODY}\n3. Support monitoring.` }
		});
		page = pageText((await signatory.get(`/letters/${scene.letterId}`)).text);
		expect(page).toContain('Made from an older revision of the English text');
		const mn = pageText((await signatory.get(`/letters/${scene.letterId}?lang=mn`)).text);
		expect(mn).toContain('Иргэний эрх чөлөөний тухай нээлттэй захидал');
		expect((await revisions('mn')).length).toBe(1);
	});

	it('the history lists revisions and the comparison marks words without relying on colour', async () => {
		await saveRevision({
			actor: scene.signatory,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { ...base, body: BODY.replace('Protect journalists.', 'Protect independent journalists.') }
		});
		const [first, second] = await revisions();
		const member = await signedInClient(app, scene.member.email);
		const history = pageText((await member.get(`/letters/${scene.letterId}/history`)).text);
		expect(history).toContain('Signatory Sami');
		expect(history).toContain('Coordinator Cora');
		const coalition = pageText((await member.get(`/coalitions/${scene.coalitionId}`)).text);
		expect(coalition).toContain('Open letter on civic freedoms');
		const compare = await member.get(`/letters/${scene.letterId}/compare?from=${first!.id}&to=${second!.id}`);
		expect(compare.status).toBe(200);
		expect(compare.text).toMatch(/<ins[^>]*>[\s\S]*independent/);
		expect(pageText(compare.text)).toMatch(/added:?\s*independent/i);
	});
});

describe(`comments (${DATABASE_KIND})`, () => {
	it('members comment on a paragraph, reply, resolve and reopen; authors edit and delete their own only', async () => {
		const member = await signedInClient(app, scene.member.email);
		const signatory = await signedInClient(app, scene.signatory.email);
		expect((await member.post(`/letters/${scene.letterId}?/comment`, { body: 'Should we name the ministry?', paragraph: '2' })).status).toBe(303);
		const { listCommentThreads } = await import('../../src/lib/server/letters/list-comment-threads');
		let [thread] = await listCommentThreads(scene.letterId);
		expect(thread!.comment).toMatchObject({ body: 'Should we name the ministry?', paragraph: 2, authorName: 'Member Mona' });
		expect((await signatory.post(`/letters/${scene.letterId}?/comment`, { body: 'Yes, please.', parentId: thread!.comment.id })).status).toBe(303);
		expect((await signatory.post(`/letters/${scene.letterId}?/editComment`, { commentId: thread!.comment.id, body: 'Hijacked' })).status).toBe(403);
		expect((await signatory.post(`/letters/${scene.letterId}?/deleteComment`, { commentId: thread!.comment.id, confirm: 'yes' })).status).toBe(403);
		expect((await member.post(`/letters/${scene.letterId}?/editComment`, { commentId: thread!.comment.id, body: 'Should we name the Ministry of Justice?' })).status).toBe(303);
		expect((await signatory.post(`/letters/${scene.letterId}?/resolve`, { commentId: thread!.comment.id })).status).toBe(303);
		[thread] = await listCommentThreads(scene.letterId);
		expect(thread!.comment.resolved).toBe(true);
		expect(thread!.comment.body).toBe('Should we name the Ministry of Justice?');
		expect(thread!.replies.map((r) => r.body)).toEqual(['Yes, please.']);
		expect((await member.post(`/letters/${scene.letterId}?/reopen`, { commentId: thread!.comment.id })).status).toBe(303);
		expect((await member.post(`/letters/${scene.letterId}?/deleteComment`, { commentId: thread!.comment.id, confirm: 'yes' })).status).toBe(303);
		[thread] = await listCommentThreads(scene.letterId);
		expect(thread!.comment).toMatchObject({ deleted: true, resolved: false, body: '' });
		expect(thread!.replies).toHaveLength(1);
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});
});
