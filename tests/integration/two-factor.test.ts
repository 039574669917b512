import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createUser, PASSWORD, signedInClient } from '../helpers/factories';
import { keyOnPage, recoveryCodesOnPage, totpCode } from '../helpers/two-factor';
import { db } from '../../src/lib/server/db';
import { organisations, recoveryCodes, sessions, signatures, totpCredentials } from '../../src/lib/server/db/schema';
import { hashSecret } from '../../src/lib/server/crypto';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { openTotpKey, sealTotpKey } from '../../src/lib/server/auth/totp-key';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

/**
 * Enrols through the pages, confirming with the code of the previous time step (an
 * app's clock a little behind), so the current and next steps are left for the test.
 */
async function enrol(client: TestClient): Promise<{ key: string; codes: string[] }> {
	expect((await client.post('/account/two-factor?/start', {})).status).toBe(303);
	const page = await client.get('/account/two-factor');
	expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
	const key = keyOnPage(page.text);
	const confirmed = await client.post('/account/two-factor?/confirm', { code: totpCode(key, -1) });
	expect(confirmed.status).toBe(200);
	const codes = recoveryCodesOnPage(confirmed.text);
	return { key, codes };
}

async function signInWithPassword(email: string): Promise<TestClient> {
	const client = new TestClient(app);
	const response = await client.post('/sign-in', { email, password: PASSWORD, redirectTo: '/account' });
	expect(response.status).toBe(303);
	expect(response.location).toBe('/sign-in/two-factor?redirectTo=%2Faccount');
	return client;
}

describe(`second factor (${DATABASE_KIND})`, () => {
	it('AU6: enrols with a QR code and the key as text, confirms with a code, and shows ten recovery codes stored hashed', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const other = await signedInClient(app, user.email);
		const { key, codes } = await enrol(client);
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
		expect(stored).toHaveLength(10);
		for (const row of stored) expect(codes.map((c) => hashSecret(c.replace(/-/g, '')))).toContain(row.codeHash);
		// The key is encrypted at rest (TOTP_ENCRYPTION_KEY is set in the tests).
		const [credential] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
		expect(credential!.key.startsWith('v1:')).toBe(true);
		expect(credential!.confirmedAt).not.toBeNull();
		expect(credential!.key).not.toContain(key);
		// Other sessions were opened without the second factor, so they end.
		expect((await other.get('/account')).status).toBe(303);
		expect((await client.get('/account')).status).toBe(200);
		await app.mail.waitFor(user.email, /Two-factor sign-in is on/);
		// Reloading shows the status, never the codes again.
		const after = pageText((await client.get('/account/two-factor')).text);
		expect(after).toContain('10 of 10 recovery codes are unused');
		expect(after).not.toContain(codes[0]);
	});

	it('a wrong first code does not turn it on', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		await client.post('/account/two-factor?/start', {});
		const key = keyOnPage((await client.get('/account/two-factor')).text);
		const wrong = await client.post('/account/two-factor?/confirm', { code: totpCode(key, 5) });
		expect(wrong.status).toBe(400);
		const [credential] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
		expect(credential!.confirmedAt).toBeNull();
	});

	it('AU6: sign-in asks for the code; the password alone signs nobody in', async () => {
		const user = await createUser();
		const { key } = await enrol(await signedInClient(app, user.email));
		const client = await signInWithPassword(user.email);
		const halfway = client.cookies.get('session')!;
		expect((await client.get('/account')).status).toBe(303);
		expect((await client.get('/sign-in/two-factor')).status).toBe(200);
		const done = await client.post('/sign-in/two-factor', { code: totpCode(key), redirectTo: '/account' });
		expect(done.status).toBe(303);
		expect(done.location).toBe('/account');
		// SE5: a new token once the second factor is in; the half-way one is gone.
		expect(client.cookies.get('session')).not.toBe(halfway);
		expect(await db().select().from(sessions).where(eq(sessions.id, hashSecret(halfway)))).toHaveLength(0);
		expect((await client.get('/account')).status).toBe(200);
	});

	it('AU7: a code is accepted once per time step, and an older step is refused after a newer one', async () => {
		const user = await createUser();
		const { key } = await enrol(await signedInClient(app, user.email));
		const first = await signInWithPassword(user.email);
		expect((await first.post('/sign-in/two-factor', { code: totpCode(key, 1) })).status).toBe(303);
		const replay = await signInWithPassword(user.email);
		const again = await replay.post('/sign-in/two-factor', { code: totpCode(key, 1) });
		expect(again.status).toBe(400);
		expect((await replay.post('/sign-in/two-factor', { code: totpCode(key, 0) })).status).toBe(400);
		expect((await replay.get('/account')).status).toBe(303);
	});

	it('AU7: five wrong codes, then a pause even for the right one', async () => {
		const user = await createUser();
		const { key } = await enrol(await signedInClient(app, user.email));
		const client = await signInWithPassword(user.email);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await client.post('/sign-in/two-factor', { code: '000000' })).status);
		expect(statuses).toEqual([400, 400, 400, 400, 400]);
		const right = await client.post('/sign-in/two-factor', { code: totpCode(key) });
		expect(right.status).toBe(429);
		expect(pageText(right.text)).toContain('Too many attempts');
	});

	it('AU6: a recovery code signs in once', async () => {
		const user = await createUser();
		const { codes } = await enrol(await signedInClient(app, user.email));
		const client = await signInWithPassword(user.email);
		expect((await client.post('/sign-in/two-factor', { code: codes[3]!.toLowerCase() })).status).toBe(303);
		const second = await signInWithPassword(user.email);
		expect((await second.post('/sign-in/two-factor', { code: codes[3]! })).status).toBe(400);
		expect(pageText((await client.get('/account/two-factor')).text)).toContain('9 of 10 recovery codes are unused');
	});

	it('AU8: turning it off needs the password or a code entered now', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const { key } = await enrol(client);
		expect((await client.post('/account/two-factor?/disable', {})).status).toBe(403);
		expect((await client.post('/account/two-factor?/disable', { password: 'not my password' })).status).toBe(400);
		expect((await client.post('/account/two-factor?/disable', { password: totpCode(key) })).status).toBe(303);
		expect(await db().select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))).toHaveLength(0);
		expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
		await app.mail.waitFor(user.email, /turned off/);
		expect((await new TestClient(app).post('/sign-in', { email: user.email, password: PASSWORD })).location).toBe('/');
	});

	it('the key survives sealing only with the same secret and the same account', () => {
		const key = new Uint8Array(20).fill(7);
		const secret = new Uint8Array(32).fill(1);
		const sealed = sealTotpKey(key, 'user-a', secret);
		expect(openTotpKey(sealed, 'user-a', secret)).toEqual(key);
		expect(() => openTotpKey(sealed, 'user-b', secret)).toThrow();
		expect(() => openTotpKey(sealed, 'user-a', new Uint8Array(32).fill(2))).toThrow();
		expect(openTotpKey(sealTotpKey(key, 'user-a', undefined), 'user-a', undefined)).toEqual(key);
	});
});

describe(`second factor when signing (${DATABASE_KIND})`, () => {
	let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
	let hash: string;

	beforeEach(async () => {
		scene = await createCoalitionScene();
		({ hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null }));
	});

	async function sign(client: TestClient, password: string) {
		return client.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, password });
	}

	it('AU8: the step-up for signing accepts a code from the app, and refuses a wrong one', async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		const { key } = await enrol(signer);
		const wrong = await sign(signer, totpCode(key, 9));
		expect(wrong.status).toBe(400);
		expect((await sign(signer, totpCode(key))).status).toBe(303);
		expect(await db().select().from(signatures).where(and(eq(signatures.letterId, scene.letterId), eq(signatures.status, 'active')))).toHaveLength(1);
	});

	it('AU8: a recovery code does not confirm an action (it is for signing in only) and stays unused', async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		const { codes } = await enrol(signer);
		expect((await sign(signer, codes[0]!)).status).toBe(400);
		expect(await db().select().from(signatures).where(eq(signatures.letterId, scene.letterId))).toHaveLength(0);
		const [row] = await db().select().from(recoveryCodes).where(eq(recoveryCodes.codeHash, hashSecret(codes[0]!.replace(/-/g, ''))));
		expect(row?.usedAt).toBeNull();
	});

	it('an organisation that requires a second factor refuses signers without one, and says how', async () => {
		const owner = await createUser({ name: 'Owner Otto' });
		await db().insert((await import('../../src/lib/server/db/schema')).memberships).values({ organisationId: scene.orgB.id, userId: owner.id, role: 'owner' });
		const ownerClient = await signedInClient(app, owner.email);
		// Only owners may change the rule.
		const signer = await signedInClient(app, scene.signatory.email);
		expect((await signer.post(`/organisations/${scene.orgB.id}/second-factor`, { required: 'yes' })).status).toBe(403);
		expect((await ownerClient.post(`/organisations/${scene.orgB.id}/second-factor`, { required: 'yes' })).status).toBe(303);
		expect((await db().select().from(organisations).where(eq(organisations.id, scene.orgB.id)))[0]?.requireTwoFactor).toBe(true);

		const refused = await sign(signer, PASSWORD);
		expect(refused.status).toBe(403);
		expect(pageText(refused.text)).toContain('/account/two-factor');
		expect(await db().select().from(signatures).where(eq(signatures.letterId, scene.letterId))).toHaveLength(0);

		const { key } = await enrol(signer);
		expect((await sign(signer, totpCode(key))).status).toBe(303);
	});
});
