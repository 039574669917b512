import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db, queryCounter } from '../../src/lib/server/db';
import { letters, signOnRequests } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { getPublicSignOnPage } from '../../src/lib/server/signing/public-sign-on-page';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
});

const TITLE = 'Open letter on civic freedoms';
const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, '').replace(/"nonce-[^"]*"/g, '');

async function makePublic() {
	await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
}

describe(`public sign-on page (${DATABASE_KIND})`, () => {
	it('a public letter open for signatures has a page for anyone: text, count, and Add your organisation carrying the way back', async () => {
		await makePublic();
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const response = await new TestClient(app).get(`/sign-on/${scene.letterId}`);
		expect(response.status).toBe(200);
		const text = pageText(response.text);
		expect(text).toContain(TITLE);
		expect(text).toContain('Protect journalists');
		expect(text).toContain('No organisation has signed yet');
		expect(response.text).toContain(`/sign-up?redirectTo=${encodeURIComponent(`/letters/${scene.letterId}/sign`)}`);
		// Nobody's name or address is on it (PR1): only organisations sign, and none has.
		expect(text).not.toContain(scene.coordinator.email);
	});

	it('AZ5/PR2: a letter that is not public, a public draft, and an unknown id all answer 404, __data.json too', async () => {
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const anonymous = new TestClient(app);
		const outsider = await signedInClient(app, scene.outsider.email);
		for (const client of [anonymous, outsider]) {
			expect((await client.get(`/sign-on/${scene.letterId}`)).status).toBe(404);
			// __data.json answers as for a letter that does not exist, byte for byte.
			for (const suffix of ['', '/__data.json']) {
				const response = await client.get(`/sign-on/${scene.letterId}${suffix}`);
				const unknown = await client.get(`/sign-on/doesnotexist0000${suffix}`);
				expect(response.status).toBe(unknown.status);
				expect(withoutNonce(response.text)).toBe(withoutNonce(unknown.text));
				expect(response.text).not.toContain(TITLE);
			}
		}
		const { createLetter } = await import('../../src/lib/server/letters/create-letter');
		const { id: draftId } = await createLetter({
			actor: scene.coordinator,
			coalitionId: scene.coalitionId,
			settings: { primaryLanguage: 'en', place: null, letterDate: null, dateFormat: 'day_month_year', visibility: 'public', ordering: 'alphabetical', initiatorsFirst: false },
			text: { title: 'A public draft', addressees: 'To all', body: 'Draft text.', closing: 'Yours' }
		});
		expect((await anonymous.get(`/sign-on/${draftId}`)).status).toBe(404);
		const draft = await anonymous.get(`/sign-on/${draftId}/__data.json`);
		expect(draft.text).not.toContain('A public draft');
	});

	it('the page reads a constant number of queries', async () => {
		await makePublic();
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const before = queryCounter.count;
		const page = await getPublicSignOnPage({ letterId: scene.letterId, language: null });
		expect(page.signatureCount).toBe(0);
		expect(queryCounter.count - before).toBeLessThanOrEqual(4);
	});

	it('an outside organisation asks to sign on from the sign page, and the coordinator sees and approves it on the dashboard', async () => {
		await makePublic();
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const newcomer = await createUser({ name: 'Newcomer Nora' });
		const newcomerClient = await signedInClient(app, newcomer.email);
		const empty = pageText((await newcomerClient.get(`/letters/${scene.letterId}/sign`)).text);
		expect(empty).toContain('Create an organisation');
		const org = await createOrganisationWith([{ userId: newcomer.id, role: 'owner' }], 'Newcomers Union');
		const asked = await newcomerClient.post(`/letters/${scene.letterId}/sign?/requestSignOn`, { organisationId: org.id, message: 'We agree.' });
		expect(asked.status).toBe(303);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const dashboard = pageText((await coordinator.get(`/letters/${scene.letterId}/signing`)).text);
		expect(dashboard).toContain(`/sign-on/${scene.letterId}`);
		expect(dashboard).toContain('Newcomers Union');
		const [request] = await db().select().from(signOnRequests).where(eq(signOnRequests.letterId, scene.letterId));
		// A member of the coalition who is not a coordinator cannot decide.
		const signatory = await signedInClient(app, scene.signatory.email);
		const refused = await signatory.post(`/letters/${scene.letterId}/signing?/approve`, { requestId: request!.id });
		expect(refused.status).toBeGreaterThanOrEqual(400);
		const approved = await coordinator.post(`/letters/${scene.letterId}/signing?/approve`, { requestId: request!.id });
		expect(approved.status).toBe(303);
		const [after] = await db().select().from(signOnRequests).where(eq(signOnRequests.id, request!.id));
		expect(after?.status).toBe('approved');
	});
});
