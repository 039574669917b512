import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { letterComments, letterRevisions, letters } from '../../src/lib/server/db/schema';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

type Actor = 'coordinator' | 'signatory' | 'member' | 'outsider' | 'anonymous';
type Action = 'view' | 'edit' | 'comment' | 'manage';

/** What each actor gets for each action (AZ3, AZ4, AZ5 and the drafting rules of issue 3). */
const MATRIX: Record<Actor, Record<Action, number>> = {
	coordinator: { view: 200, edit: 303, comment: 303, manage: 303 },
	signatory: { view: 200, edit: 303, comment: 303, manage: 403 },
	member: { view: 200, edit: 403, comment: 303, manage: 403 },
	outsider: { view: 404, edit: 404, comment: 404, manage: 404 },
	anonymous: { view: 303, edit: 303, comment: 303, manage: 303 }
};

async function clientFor(actor: Actor): Promise<TestClient> {
	if (actor === 'anonymous') return new TestClient(app);
	return signedInClient(app, scene[actor].email);
}

async function counts() {
	return {
		revisions: (await db().select().from(letterRevisions).where(eq(letterRevisions.letterId, scene.letterId))).length,
		comments: (await db().select().from(letterComments).where(eq(letterComments.letterId, scene.letterId))).length,
		place: (await db().select({ place: letters.place }).from(letters).where(eq(letters.id, scene.letterId)))[0]?.place
	};
}

async function attempt(client: TestClient, action: Action) {
	const id = scene.letterId;
	switch (action) {
		case 'view':
			return client.get(`/letters/${id}`);
		case 'edit':
			return client.post(`/letters/${id}/edit?/save`, {
				language: 'en',
				baseRevisionId: scene.revisionId,
				title: 'Changed title',
				addressees: '',
				body: 'Changed body.',
				closing: ''
			});
		case 'comment':
			return client.post(`/letters/${id}?/comment`, { body: 'A comment from the matrix.' });
		case 'manage':
			return client.post(`/letters/${id}/settings`, {
				place: 'Changed place',
				dateFormat: 'iso',
				visibility: 'public',
				ordering: 'country'
			});
	}
}

describe(`who may do what with a draft letter (${DATABASE_KIND})`, () => {
	for (const actor of Object.keys(MATRIX) as Actor[]) {
		for (const action of Object.keys(MATRIX[actor]) as Action[]) {
			const expected = MATRIX[actor][action];
			it(`${actor} × ${action} → ${expected}`, async () => {
				const client = await clientFor(actor);
				const before = await counts();
				const response = await attempt(client, action);
				expect(response.status).toBe(expected);
				const after = await counts();
				const allowed = expected === 200 || (expected === 303 && actor !== 'anonymous');
				if (action === 'edit') expect(after.revisions).toBe(before.revisions + (allowed ? 1 : 0));
				if (action === 'comment') expect(after.comments).toBe(before.comments + (allowed ? 1 : 0));
				if (action === 'manage') expect(after.place).toBe(allowed ? 'Changed place' : 'Stockholm');
				if (actor === 'anonymous') expect(response.location).toMatch(/^\/sign-in\?redirectTo=/);
				if (!allowed) {
					// AZ4: a refusal leaks nothing of the draft.
					expect(response.text).not.toContain('civic freedoms');
					expect(response.text).not.toContain('diaspora');
				}
			});
		}
	}

	it('AZ5: an outsider gets the same 404 for a real letter as for a made-up id, __data.json included', async () => {
		const outsider = await clientFor('outsider');
		const real = await outsider.get(`/letters/${scene.letterId}`);
		const fake = await outsider.get('/letters/aaaaaaaaaaaaaaaaaaaaaaaaaa');
		expect(real.status).toBe(404);
		// Identical but for the per-response CSP nonce.
		const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, '');
		expect(withoutNonce(real.text)).toBe(withoutNonce(fake.text));
		for (const path of ['', '/edit', '/history', '/settings', '/audit']) {
			const data = await outsider.get(`/letters/${scene.letterId}${path}/__data.json`);
			const fakeData = await outsider.get(`/letters/aaaaaaaaaaaaaaaaaaaaaaaaaa${path}/__data.json`);
			expect(data.status, path).toBe(fakeData.status);
			expect(data.text, path).toBe(fakeData.text);
			expect(data.text).not.toContain('civic freedoms');
		}
		const coalition = await outsider.get(`/coalitions/${scene.coalitionId}`);
		expect(coalition.status).toBe(404);
		expect(coalition.text).not.toContain('Steppe Coalition');
	});

	it('AZ4: a member who may not edit gets no draft text from the editor data', async () => {
		const member = await clientFor('member');
		const data = await member.get(`/letters/${scene.letterId}/edit/__data.json`);
		expect(data.text).not.toContain('diaspora');
		const audit = await member.get(`/letters/${scene.letterId}/audit/__data.json`);
		expect(audit.text).not.toContain('revision.saved');
	});

	it('a member organisation removed from the coalition loses access at once (SE7)', async () => {
		const signatory = await clientFor('signatory');
		expect((await signatory.get(`/letters/${scene.letterId}`)).status).toBe(200);
		const coordinator = await clientFor('coordinator');
		const removed = await coordinator.post(`/coalitions/${scene.coalitionId}?/removeOrganisation`, { organisationId: scene.orgB.id, confirm: 'yes' });
		expect(removed.status).toBe(303);
		expect((await signatory.get(`/letters/${scene.letterId}`)).status).toBe(404);
	});
});
