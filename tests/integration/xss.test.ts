import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { coalitions, organisations } from '../../src/lib/server/db/schema';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { addComment } from '../../src/lib/server/letters/add-comment';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
});

const PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(2)>',
	'<svg onload=alert(3)>',
	'[click](javascript:alert(4))',
	'<a href="javascript:alert(5)">x</a>'
];

/** The page's own markup with the (escaped) payload text removed: what a browser would execute. */
function assertInert(html: string, where: string) {
	expect(html, where).not.toMatch(/<script>alert/i);
	expect(html, where).not.toMatch(/<img[^>]*onerror/i);
	expect(html, where).not.toMatch(/<svg[^>]*onload/i);
	expect(html, where).not.toMatch(/<a\s[^>]*href="\s*javascript:/i);
}

describe(`XS1: user text stays inert on every page (${DATABASE_KIND})`, () => {
	it('in titles, bodies, comments and organisation and coalition names', async () => {
		const scene = await createCoalitionScene();
		const payload = PAYLOADS.join(' ');
		await db().update(organisations).set({ displayName: payload }).where(eq(organisations.id, scene.orgB.id));
		await db().update(coalitions).set({ name: payload, description: payload });
		await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { title: payload, addressees: payload, body: PAYLOADS.join('\n\n'), closing: payload }
		});
		await addComment({ actor: scene.member, letterId: scene.letterId, body: payload, paragraph: null, language: 'en', parentId: null });
		const client = await signedInClient(app, scene.coordinator.email);
		const pages = [
			'/coalitions',
			`/coalitions/${scene.coalitionId}`,
			`/letters/${scene.letterId}`,
			`/letters/${scene.letterId}/edit`,
			`/letters/${scene.letterId}/history`,
			`/letters/${scene.letterId}/history/${scene.revisionId}`,
			`/letters/${scene.letterId}/audit`,
			`/organisations/${scene.orgA.id}`
		];
		for (const path of pages) {
			const response = await client.get(path);
			expect(response.status, path).toBe(200);
			assertInert(response.text, path);
		}
		const letter = await client.get(`/letters/${scene.letterId}`);
		// The body's Markdown rendered: the link text stays, the javascript: target is gone.
		expect(letter.text).toContain('click');
		expect(letter.text).toContain('&lt;script>alert(1)&lt;/script>');
	});
});
