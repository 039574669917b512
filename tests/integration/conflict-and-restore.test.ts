import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp, type TestClient } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, letterRevisions, letters } from '../../src/lib/server/db/schema';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { formatDateTime } from '../../src/lib/time';

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
const ORIGINAL = {
	title: 'Open letter on civic freedoms',
	addressees: 'To the Secretary-General of the United Nations',
	body: BODY,
	closing: 'Respectfully,\nThe undersigned organisations'
};
/** What the coordinator typed on revision 1, while the signatory saved revision 2 over the same two passages. */
const MINE = { ...ORIGINAL, body: BODY.replace('the decline.', 'the sharp decline.'), closing: ORIGINAL.closing.replace('Respectfully,', 'With respect,') };
const THEIRS = { ...ORIGINAL, body: BODY.replace('the decline.', 'the steep decline.'), closing: ORIGINAL.closing.replace('Respectfully,', 'Sincerely,') };

async function revisions() {
	return db()
		.select()
		.from(letterRevisions)
		.where(and(eq(letterRevisions.letterId, scene.letterId), eq(letterRevisions.language, 'en')))
		.orderBy(asc(letterRevisions.number));
}

async function lastAuditData() {
	const [entry] = await db().select().from(auditEvents).where(eq(auditEvents.chainId, scene.letterId)).orderBy(desc(auditEvents.seq)).limit(1);
	return entry!;
}

/** The signatory saves revision 2; the coordinator's save on revision 1 then conflicts in the body and the closing. */
async function conflict(options: { theirsByFormerMember?: boolean } = {}): Promise<{ client: TestClient; html: string; status: number; checks: string[]; headId: string }> {
	const saved = await saveRevision({ actor: scene.signatory, letterId: scene.letterId, language: 'en', baseRevisionId: scene.revisionId, text: THEIRS });
	if (options.theirsByFormerMember && saved.status === 'saved') {
		// As when the author's account is deleted (authorId is set null).
		await db().update(letterRevisions).set({ authorId: null }).where(eq(letterRevisions.id, saved.revision.id));
	}
	const client = await signedInClient(app, scene.coordinator.email);
	client.cookies.set('tz', 'Asia/Ulaanbaatar');
	const response = await client.post(`/letters/${scene.letterId}/edit?/save`, { language: 'en', baseRevisionId: scene.revisionId, ...MINE });
	const checks = [...response.text.matchAll(/name="check-(\d+)" value="([0-9a-f]{64})"/g)].map((m) => m[2]!);
	const head = await findHeadRevision(scene.letterId, 'en');
	return { client, html: response.text, status: response.status, checks, headId: head!.id };
}

function resolveForm(headId: string, checks: string[], choices: [keep: string, text?: string][]) {
	const fields: Record<string, string> = { language: 'en', baseRevisionId: scene.revisionId, headRevisionId: headId, ...MINE };
	choices.forEach(([keep, text], i) => {
		fields[`check-${i}`] = checks[i] ?? '';
		fields[`keep-${i}`] = keep;
		fields[`text-${i}`] = text ?? '';
	});
	return fields;
}

describe(`the conflict screen settles each passage (${DATABASE_KIND})`, () => {
	it('names who changed each passage and when, in the viewer’s time zone, and offers mine, theirs or an edit', async () => {
		const { html, status, checks } = await conflict();
		expect(status).toBe(409);
		expect(checks).toHaveLength(2);
		const [, second] = await revisions();
		const text = pageText(html);
		expect(html).toContain('<bdi>Signatory Sami</bdi>');
		expect(text).toContain(`Changed by Signatory Sami in revision 2, ${formatDateTime(second!.createdAt, 'Asia/Ulaanbaatar')}`);
		expect(text).not.toMatch(/someone/i);
		expect(html).toMatch(/<form[^>]*action="\?\/resolve"/);
		for (const keep of ['mine', 'theirs', 'edit']) expect(html).toContain(`name="keep-0" value="${keep}"`);
		// The edit starts from the writer's own passage.
		expect(html).toMatch(/<textarea[^>]*name="text-0"[^>]*>sharp /);
	});

	it('a passage changed by someone whose account is gone names them a former member', async () => {
		const { html } = await conflict({ theirsByFormerMember: true });
		expect(html).toContain('Changed by <bdi>a former member</bdi> in revision 2');
	});

	const cases: { name: string; choices: [string, string?][]; body: string; closing: string }[] = [
		{ name: 'keep mine in both', choices: [['mine'], ['mine']], body: 'Acknowledge the sharp decline.', closing: 'With respect,' },
		{ name: 'keep theirs in both', choices: [['theirs'], ['theirs']], body: 'Acknowledge the steep decline.', closing: 'Sincerely,' },
		{ name: 'an edit in one, theirs in the other', choices: [['edit', 'sharp and steep '], ['theirs']], body: 'Acknowledge the sharp and steep decline.', closing: 'Sincerely,' },
		{ name: 'mine in one, an edit in the other', choices: [['mine'], ['edit', 'Yours faithfully,\n']], body: 'Acknowledge the sharp decline.', closing: 'Yours faithfully,' }
	];
	for (const c of cases) {
		it(`resolving with ${c.name} saves one new revision on the head, built by the server`, async () => {
			const { client, checks, headId } = await conflict();
			const response = await client.post(`/letters/${scene.letterId}/edit?/resolve`, resolveForm(headId, checks, c.choices));
			const all = await revisions();
			if (c.name === 'keep theirs in both') {
				// Their text exactly: nothing new to store.
				expect(response.status).toBe(303);
				expect(response.location).toContain('saved=unchanged');
				expect(all).toHaveLength(2);
				return;
			}
			expect(response.status).toBe(303);
			expect(all).toHaveLength(3);
			const head = all.at(-1)!;
			expect(head).toMatchObject({ number: 3, baseRevisionId: headId, authorId: scene.coordinator.id });
			expect(head.body).toContain(c.body);
			expect(head.closing).toContain(c.closing);
			expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
		});
	}

	it('a resolve made stale by another overlapping save conflicts again, keeping the settled text', async () => {
		const { client, checks, headId } = await conflict();
		await saveRevision({
			actor: scene.signatory,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: headId,
			text: { ...THEIRS, body: THEIRS.body.replace('steep decline', 'steep and lasting decline') }
		});
		const response = await client.post(`/letters/${scene.letterId}/edit?/resolve`, resolveForm(headId, checks, [['edit', 'sharp and grave '], ['mine']]));
		expect(response.status).toBe(409);
		expect((await revisions()).length).toBe(3);
		const text = pageText(response.text);
		expect(text).toContain('now revision 3');
		expect(text).toContain('Changed by Signatory Sami in revision 3');
		expect(text).toContain('More changes were saved while you chose');
		// The person's edit is kept: it is now their side of the new conflict.
		expect(response.text).toMatch(/<textarea[^>]*name="body"[^>]*>[^<]*sharp and grave decline/);
		expect(response.text).toContain('With respect,');
	});

	it('a choice left out, or a text the letter cannot take, brings the same passages back with everything typed', async () => {
		const { client, checks, headId } = await conflict();
		const missing = resolveForm(headId, checks, [['edit', 'my careful wording '], ['mine']]);
		delete missing['keep-1'];
		let response = await client.post(`/letters/${scene.letterId}/edit?/resolve`, missing);
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain('For each passage, choose');
		expect(response.text).toMatch(/<textarea[^>]*name="text-0"[^>]*>my careful wording/);
		expect(response.text).toMatch(/name="keep-0" value="edit"[^>]*checked/);
		response = await client.post(`/letters/${scene.letterId}/edit?/resolve`, resolveForm(headId, checks, [['edit', 'x'.repeat(100_001)], ['mine']]));
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain('The text with your choices cannot be saved');
		expect(response.text).toMatch(/<textarea[^>]*name="text-0"[^>]*>xxxx/);
		expect((await revisions()).length).toBe(2);
	});

	it('refuses forged passages and revisions of another letter or language, saving nothing', async () => {
		const { client, checks, headId } = await conflict();
		const other = await createCoalitionScene();
		const forged: Record<string, string>[] = [
			// Choices swapped between passages: each check names its own passage.
			resolveForm(headId, [checks[1]!, checks[0]!], [['mine'], ['mine']]),
			// One passage fewer than the conflict has.
			resolveForm(headId, checks.slice(0, 1), [['mine']]),
			{ ...resolveForm(headId, checks, [['mine'], ['mine']]), headRevisionId: other.revisionId },
			{ ...resolveForm(headId, checks, [['mine'], ['mine']]), baseRevisionId: other.revisionId },
			{ ...resolveForm(headId, checks, [['mine'], ['mine']]), baseRevisionId: headId, headRevisionId: scene.revisionId }
		];
		for (const fields of forged) {
			const response = await client.post(`/letters/${scene.letterId}/edit?/resolve`, fields);
			expect(response.status).toBe(400);
		}
		expect((await revisions()).length).toBe(2);
		expect((await findHeadRevision(other.letterId, 'en'))!.number).toBe(1);
	});

	it('non-members get 404 and members who may not edit get 403, with nothing saved', async () => {
		const { checks, headId } = await conflict();
		const fields = resolveForm(headId, checks, [['mine'], ['mine']]);
		const outsider = await signedInClient(app, scene.outsider.email);
		expect((await outsider.post(`/letters/${scene.letterId}/edit?/resolve`, fields)).status).toBe(404);
		const member = await signedInClient(app, scene.member.email);
		expect((await member.post(`/letters/${scene.letterId}/edit?/resolve`, fields)).status).toBe(403);
		expect((await revisions()).length).toBe(2);
	});
});

describe(`history opens any revision and restores one as a new revision (${DATABASE_KIND})`, () => {
	async function twoRevisions() {
		await saveRevision({ actor: scene.signatory, letterId: scene.letterId, language: 'en', baseRevisionId: scene.revisionId, text: { ...ORIGINAL, body: `${BODY}\n3. Support **independent** monitoring.` } });
		const head = await findHeadRevision(scene.letterId, 'en');
		return head!;
	}

	it('the history links each revision to a page with its whole text, author, time and a comparison with the head', async () => {
		const head = await twoRevisions();
		const member = await signedInClient(app, scene.member.email);
		const history = await member.get(`/letters/${scene.letterId}/history`);
		expect(history.text).toContain(`href="/letters/${scene.letterId}/history/${scene.revisionId}"`);
		expect(history.text).toContain(`href="/letters/${scene.letterId}/history/${head.id}"`);
		const first = await member.get(`/letters/${scene.letterId}/history/${scene.revisionId}`);
		expect(first.status).toBe(200);
		const text = pageText(first.text);
		expect(text).toContain('Revision 1');
		expect(text).toContain('Saved by Coordinator Cora');
		expect(text).toContain('To the Secretary-General of the United Nations');
		expect(text).toContain('Respectfully,');
		expect(first.text).toMatch(/<ol>\s*<li>Acknowledge the decline\.<\/li>/);
		expect(first.text).toContain(`href="/letters/${scene.letterId}/compare?from=${scene.revisionId}&amp;to=${head.id}"`);
		// A plain member reads, but may not restore.
		expect(text).not.toContain('Restore this revision');
		const second = await member.get(`/letters/${scene.letterId}/history/${head.id}`);
		expect(second.text).toContain('<strong>independent</strong>');
	});

	it('restoring asks first, then saves the old text as a new revision on the head, with an audit entry naming it', async () => {
		const head = await twoRevisions();
		const signatory = await signedInClient(app, scene.signatory.email);
		const page = pageText((await signatory.get(`/letters/${scene.letterId}/history/${scene.revisionId}`)).text);
		expect(page).toContain('Restore this revision');
		const path = `/letters/${scene.letterId}/history/${scene.revisionId}?/restore`;
		const asked = await signatory.post(path, { headRevisionId: head.id });
		expect(asked.status).toBe(428);
		expect(pageText(asked.text)).toContain('Restore revision 1?');
		expect((await revisions()).length).toBe(2);
		const response = await signatory.post(path, { headRevisionId: head.id, confirm: 'yes' });
		expect(response.status).toBe(303);
		expect(response.location).toBe(`/letters/${scene.letterId}/history?lang=en&done=restored&n=3`);
		const all = await revisions();
		expect(all).toHaveLength(3);
		const [first, , restored] = all;
		expect(restored).toMatchObject({ number: 3, baseRevisionId: head.id, authorId: scene.signatory.id, contentHash: first!.contentHash });
		expect(restored).toMatchObject({ title: first!.title, addressees: first!.addressees, body: first!.body, closing: first!.closing });
		const entry = await lastAuditData();
		expect(entry.type).toBe('revision.saved');
		expect(entry.data).toMatchObject({ revisionId: restored!.id, number: 3, restoredFromRevisionId: first!.id, baseRevisionId: head.id });
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
		expect(pageText((await signatory.follow(response)).text)).toContain('saved again as revision 3');
	});

	it('a restore on a head that moved on is refused, so nobody’s newer work is undone unseen', async () => {
		const head = await twoRevisions();
		await saveRevision({ actor: scene.coordinator, letterId: scene.letterId, language: 'en', baseRevisionId: head.id, text: { ...ORIGINAL, title: 'A newer title' } });
		const signatory = await signedInClient(app, scene.signatory.email);
		const response = await signatory.post(`/letters/${scene.letterId}/history/${scene.revisionId}?/restore`, { headRevisionId: head.id, confirm: 'yes' });
		expect(response.status).toBe(409);
		expect(pageText(response.text)).toContain('Someone saved a newer revision since you opened this page');
		expect((await revisions()).length).toBe(3);
	});

	it('refusals: 404 for non-members and other letters’ revisions, 403 for members who may not edit, and no restore once the letter is open', async () => {
		const head = await twoRevisions();
		const fields = { headRevisionId: head.id, confirm: 'yes' };
		const path = `/letters/${scene.letterId}/history/${scene.revisionId}`;
		const outsider = await signedInClient(app, scene.outsider.email);
		expect((await outsider.get(path)).status).toBe(404);
		expect((await outsider.post(`${path}?/restore`, fields)).status).toBe(404);
		const member = await signedInClient(app, scene.member.email);
		expect((await member.post(`${path}?/restore`, fields)).status).toBe(403);
		const other = await createCoalitionScene();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.get(`/letters/${scene.letterId}/history/${other.revisionId}`)).status).toBe(404);
		expect((await coordinator.post(`/letters/${scene.letterId}/history/${other.revisionId}?/restore`, fields)).status).toBe(404);
		await db().update(letters).set({ state: 'open' }).where(eq(letters.id, scene.letterId));
		const open = await coordinator.post(`${path}?/restore`, fields);
		expect(open.status).toBe(409);
		expect(pageText(open.text)).toContain('no longer a draft');
		const signatory = await signedInClient(app, scene.signatory.email);
		const refused = await signatory.post(`${path}?/restore`, fields);
		expect(refused.status).toBe(403);
		expect(pageText(refused.text)).toContain('no longer a draft');
		expect(pageText((await coordinator.get(path)).text)).not.toContain('Restore this revision');
		expect((await revisions()).length).toBe(2);
	});

	it('a revision by someone whose account is gone is credited to a former member', async () => {
		await twoRevisions();
		const head = await findHeadRevision(scene.letterId, 'en');
		await db().update(letterRevisions).set({ authorId: null }).where(eq(letterRevisions.id, head!.id));
		const member = await signedInClient(app, scene.member.email);
		const text = pageText((await member.get(`/letters/${scene.letterId}/history/${head!.id}`)).text);
		expect(text).toContain('Saved by a former member');
	});
});
