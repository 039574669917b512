import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { pageText, startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { letterDrafts } from '../../src/lib/server/db/schema';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';

/*
 * Issue 13, point 8: the editor keeps what a person typed as their own draft on the
 * server (autosave with JavaScript, "Keep as draft" without), restores it when they
 * come back, and clears it when they save. Nobody else can see, load, overwrite or
 * discard it.
 */

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

const SECRET = 'Draft sentence only Cora has typed: Tsagaan Sar.';

async function draftFields(text = SECRET) {
	const head = await findHeadRevision(scene.letterId, 'en');
	return { title: head!.title, addressees: head!.addressees, body: `${head!.body}\n\n${text}`, closing: head!.closing, baseRevisionId: head!.id, language: 'en' };
}

/**
 * The editor's autosave: a fetch that wants JSON back. SvelteKit answers such a request
 * with 200 and the outcome in the body (`{ type: 'failure', status }` for a refusal), so
 * the status returned here is the action's own.
 */
async function autosave(client: TestClient, fields: Record<string, string>) {
	const response = await client.request('POST', `/letters/${scene.letterId}/edit?/draft`, {
		body: new URLSearchParams(fields).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	if (response.status !== 200) return response;
	const outcome = JSON.parse(response.text) as { type: string; status?: number };
	return { ...response, status: outcome.type === 'failure' ? (outcome.status ?? 400) : response.status };
}

const drafts = () => db().select().from(letterDrafts);

describe(`unsaved drafts (${DATABASE_KIND})`, () => {
	it('autosave keeps the draft; coming back restores it with its time; saving a revision clears it', async () => {
		const cora = await signedInClient(app, scene.coordinator.email);
		const saved = await autosave(cora, await draftFields());
		expect(saved.status).toBe(200);
		expect(JSON.parse(saved.text).type).toBe('success');

		const back = await cora.get(`/letters/${scene.letterId}/edit`);
		const text = pageText(back.text);
		expect(text).toMatch(/Restored your unsaved changes from \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(UTC\)/);
		expect(back.text).toContain(SECRET);

		const fields = await draftFields();
		const save = await cora.post(`/letters/${scene.letterId}/edit?/save`, fields);
		expect(save.status).toBe(303);
		expect(await drafts()).toHaveLength(0);
		expect(pageText((await cora.get(`/letters/${scene.letterId}/edit`)).text)).not.toContain('Restored your unsaved changes');
	});

	it('without JavaScript, "Keep as draft" keeps it and comes back to the editor; "Discard them" drops it', async () => {
		const cora = await signedInClient(app, scene.coordinator.email);
		const kept = await cora.post(`/letters/${scene.letterId}/edit?/draft`, await draftFields());
		expect(kept.status).toBe(303);
		expect(kept.location).toBe(`/letters/${scene.letterId}/edit?lang=en&done=draftKept`);
		expect(pageText((await cora.follow(kept)).text)).toContain('Your changes are kept as a draft that only you can see.');
		expect(await drafts()).toHaveLength(1);
		const discarded = await cora.post(`/letters/${scene.letterId}/edit?/discardDraft`, { language: 'en' });
		expect(discarded.status).toBe(303);
		expect(await drafts()).toHaveLength(0);
		expect((await cora.follow(discarded)).text).not.toContain(SECRET);
	});

	it('another editor never sees, loads, overwrites or discards my draft; outsiders and plain members cannot keep one', async () => {
		const cora = await signedInClient(app, scene.coordinator.email);
		expect((await autosave(cora, await draftFields())).status).toBe(200);

		const sami = await signedInClient(app, scene.signatory.email);
		for (const path of [`/letters/${scene.letterId}/edit`, `/letters/${scene.letterId}/edit/__data.json`, `/letters/${scene.letterId}`, `/letters/${scene.letterId}/__data.json`]) {
			const response = await sami.get(path);
			expect(response.status, path).toBe(200);
			expect(response.text, path).not.toContain('Tsagaan Sar');
			expect(response.text, path).not.toContain('Restored your unsaved changes');
		}
		// Sami's own autosave and discard touch only Sami's draft, whatever the form says.
		expect((await autosave(sami, { ...(await draftFields('Sami’s words.')), userId: scene.coordinator.id })).status).toBe(200);
		expect((await sami.post(`/letters/${scene.letterId}/edit?/discardDraft`, { language: 'en', userId: scene.coordinator.id })).status).toBe(303);
		const [left] = await drafts();
		expect(left?.userId).toBe(scene.coordinator.id);
		expect(left?.body).toContain(SECRET);

		for (const [who, status] of [
			[scene.outsider, 404],
			[scene.member, 403]
		] as const) {
			const client = await signedInClient(app, who.email);
			expect((await autosave(client, await draftFields('Not theirs to keep.'))).status, who.name).toBe(status);
			expect((await client.get(`/letters/${scene.letterId}/edit`)).text, who.name).not.toContain('Tsagaan Sar');
		}
		expect((await db().select().from(letterDrafts).where(eq(letterDrafts.userId, scene.outsider.id))).length).toBe(0);
		expect(await drafts()).toHaveLength(1);
	});

	it('a draft is bounded: a text over the revision limit is refused and nothing is stored', async () => {
		const cora = await signedInClient(app, scene.coordinator.email);
		const response = await autosave(cora, { ...(await draftFields()), body: 'x'.repeat(100_001) });
		expect(response.status).toBe(400);
		expect(await drafts()).toHaveLength(0);
	});
});
