import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createUser, PASSWORD, signedInClient } from '../helpers/factories';
import { keyOnPage, recoveryCodesOnPage, totpCode } from '../helpers/two-factor';
import { db } from '../../src/lib/server/db';
import { recoveryCodes, signatures } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { closeSigning } from '../../src/lib/server/signing/close-signing';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

/** Enrols through the pages with the previous step's code, leaving the current and next steps for the test. */
async function enrol(client: TestClient): Promise<{ key: string; codes: string[] }> {
	expect((await client.post('/account/two-factor?/start', {})).status).toBe(303);
	const key = keyOnPage((await client.get('/account/two-factor')).text);
	const confirmed = await client.post('/account/two-factor?/confirm', { code: totpCode(key, -1) });
	expect(confirmed.status).toBe(200);
	return { key, codes: recoveryCodesOnPage(confirmed.text) };
}

async function signInWithCode(email: string, code: string): Promise<{ client: TestClient; status: number }> {
	const client = new TestClient(app);
	expect((await client.post('/sign-in', { email, password: PASSWORD })).status).toBe(303);
	const answer = await client.post('/sign-in/two-factor', { code });
	return { client, status: answer.status };
}

describe(`new recovery codes (${DATABASE_KIND})`, () => {
	it('need the password or a current code; old codes stop working, new ones work, and the person is told', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const { codes: old } = await enrol(client);
		await app.mail.waitFor(user.email, /Two-factor sign-in is on/);

		// Without a fresh password (a forgotten open session), nothing changes.
		for (const [password, status] of [['', 403], ['not my password', 400]] as const) {
			const refused = await client.post('/account/two-factor?/regenerate', { password });
			expect(refused.status, password).toBe(status);
			expect(recoveryCodesOnPage(refused.text)).toHaveLength(0);
		}
		expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(10);

		const made = await client.post('/account/two-factor?/regenerate', { password: PASSWORD });
		expect(made.status).toBe(200);
		const fresh = recoveryCodesOnPage(made.text);
		expect(fresh).toHaveLength(10);
		expect(fresh.filter((c) => old.includes(c))).toHaveLength(0);
		expect(pageText(made.text)).toContain('The old ones no longer work');
		await app.mail.waitFor(user.email, /New recovery codes/);

		expect((await signInWithCode(user.email, old[0]!)).status).toBe(400);
		expect((await signInWithCode(user.email, fresh[0]!)).status).toBe(303);
		// Shown once: the page does not show them again.
		expect(recoveryCodesOnPage((await client.get('/account/two-factor')).text)).toHaveLength(0);
	});

	it('a code from the app also confirms it; without a second factor there is nothing to renew', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		expect((await client.post('/account/two-factor?/regenerate', { password: PASSWORD })).status).toBe(400);
		const { key } = await enrol(client);
		const made = await client.post('/account/two-factor?/regenerate', { password: totpCode(key) });
		expect(made.status).toBe(200);
		expect(recoveryCodesOnPage(made.text)).toHaveLength(10);
	});
});

describe(`how a signature was confirmed (${DATABASE_KIND})`, () => {
	let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
	let hash: string;

	beforeEach(async () => {
		scene = await createCoalitionScene();
		({ hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null }));
	});

	const sign = (client: TestClient, password: string) =>
		client.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, password });

	async function method() {
		const [row] = await db().select({ method: signatures.method }).from(signatures).where(and(eq(signatures.letterId, scene.letterId), eq(signatures.status, 'active')));
		return row?.method;
	}

	it("a code from the app records 'totp'", async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		const { key } = await enrol(signer);
		expect((await sign(signer, totpCode(key))).status).toBe(303);
		expect(await method()).toBe('totp');
	});

	it("the password records 'password'", async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		await enrol(signer);
		expect((await sign(signer, PASSWORD)).status).toBe(303);
		expect(await method()).toBe('password');
	});

	it("signing right after a sign-in with the second factor records 'totp'", async () => {
		const first = await signedInClient(app, scene.signatory.email);
		const { key } = await enrol(first);
		const { client, status } = await signInWithCode(scene.signatory.email, totpCode(key, 1));
		expect(status).toBe(303);
		expect((await sign(client, '')).status).toBe(303);
		expect(await method()).toBe('totp');
	});

	it('the confirmation fields say what is asked', async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		const before = pageText((await signer.get(`/letters/${scene.letterId}/sign`)).text);
		expect(before).toContain('Your password');
		expect(before).not.toContain('authenticator app shows now');
		await enrol(signer);
		expect(pageText((await signer.get(`/letters/${scene.letterId}/sign`)).text)).toContain('Your password, or the code your authenticator app shows now');
		await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const publish = async () => pageText((await coordinator.get(`/letters/${scene.letterId}/publish`)).text);
		expect(await publish()).toMatch(/Your password(?!, or the code)/);
		await enrol(coordinator);
		expect(await publish()).toContain('Your password, or the code your authenticator app shows now');
	});
});
