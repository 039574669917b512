import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { linkIn } from '../helpers/mail';
import { createUser, PASSWORD, signedInClient, uniqueEmail } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { sessions, users } from '../../src/lib/server/db/schema';
import { hashSecret } from '../../src/lib/server/crypto';
import { createSession, SESSION_ABSOLUTE_LIFETIME } from '../../src/lib/server/auth/session';
import { handleSession } from '../../src/lib/server/hooks/session';
import { handleSecurityHeaders } from '../../src/lib/server/hooks/headers';
import { readPendingVerification, rememberPendingVerification } from '../../src/lib/server/auth/pending-verification';

const DAY = 24 * 60 * 60 * 1000;
const ATTACKER_PASSWORD = 'attacker chose this 1';
const OWNER_PASSWORD = 'the real owner 2026';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

function sessionId(client: TestClient): string {
	return hashSecret(client.cookies.get('session') ?? '');
}

describe(`AU10: no pre-hijacking (${DATABASE_KIND})`, () => {
	it('the owner confirming an address someone else signed up with chooses the password, and the other person is locked out', async () => {
		const email = uniqueEmail('victim');
		const attacker = new TestClient(app);
		expect((await attacker.post('/sign-up', { name: 'Not The Owner', email, password: ATTACKER_PASSWORD })).status).toBe(303);
		// The attacker also keeps a signed-in session on the unconfirmed account.
		const attackerSession = await signedInClient(app, email, ATTACKER_PASSWORD);
		const mail = await app.mail.waitFor(email, /Confirm/);
		const link = new URL(linkIn(mail, '/verify-email/')).pathname;

		const owner = new TestClient(app);
		const page = await owner.get(link);
		expect(pageText(page.text)).toContain('choose the account');
		const withoutPassword = await owner.post(link, {});
		expect(withoutPassword.status).toBe(400);
		expect(pageText(withoutPassword.text)).toContain('Choose a password');
		expect((await db().select().from(users).where(eq(users.email, email)))[0]?.emailVerified).toBe(false);

		const confirmed = await owner.post(link, { password: OWNER_PASSWORD, confirm: OWNER_PASSWORD });
		expect(confirmed.status).toBe(303);
		expect((await owner.get('/account')).status).toBe(200);

		// Every earlier session is gone, and the attacker's password no longer works.
		expect((await attackerSession.get('/account')).status).toBe(303);
		expect((await attacker.get('/account')).status).toBe(303);
		expect((await new TestClient(app).post('/sign-in', { email, password: ATTACKER_PASSWORD })).status).toBe(400);
		expect((await new TestClient(app).post('/sign-in', { email, password: OWNER_PASSWORD })).status).toBe(303);
		const [user] = await db().select().from(users).where(eq(users.email, email));
		expect(user?.emailVerified).toBe(true);
		expect(await db().select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(2);
	});

	it('a weak password is refused when the owner chooses one, and the link still works after', async () => {
		const email = uniqueEmail('victim');
		await new TestClient(app).post('/sign-up', { name: 'Somebody', email, password: ATTACKER_PASSWORD });
		const link = new URL(linkIn(await app.mail.waitFor(email, /Confirm/), '/verify-email/')).pathname;
		const owner = new TestClient(app);
		const weak = await owner.post(link, { password: 'password', confirm: 'password' });
		expect(weak.status).toBe(400);
		const mismatch = await owner.post(link, { password: OWNER_PASSWORD, confirm: 'something else 1' });
		expect(mismatch.status).toBe(400);
		expect((await owner.post(link, { password: OWNER_PASSWORD, confirm: OWNER_PASSWORD })).status).toBe(303);
	});

	it('the browser that signed up confirms with the link or the code and keeps its own password', async () => {
		const email = uniqueEmail('ada');
		const client = new TestClient(app);
		await client.post('/sign-up', { name: 'Ada', email, password: PASSWORD });
		const link = new URL(linkIn(await app.mail.waitFor(email, /Confirm/), '/verify-email/')).pathname;
		expect(pageText((await client.get(link)).text)).not.toContain('choose the account');
		expect((await client.post(link, {})).status).toBe(303);
		expect((await client.get('/account')).status).toBe(200);
		expect((await new TestClient(app).post('/sign-in', { email, password: PASSWORD })).status).toBe(303);
	});
});

describe(`SE3: absolute session lifetime (${DATABASE_KIND})`, () => {
	it('a session 90 days after sign-in is refused and deleted, however recently it was used', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const id = sessionId(client);
		await db()
			.update(sessions)
			.set({ createdAt: new Date(Date.now() - SESSION_ABSOLUTE_LIFETIME - 1000), expiresAt: new Date(Date.now() + 20 * DAY) })
			.where(eq(sessions.id, id));
		const response = await client.get('/account');
		expect(response.status).toBe(303);
		expect(response.location).toContain('/sign-in');
		expect(await db().select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
	});

	it('a renewal never runs past the absolute end', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const id = sessionId(client);
		const createdAt = new Date(Date.now() - 80 * DAY);
		await db().update(sessions).set({ createdAt, expiresAt: new Date(Date.now() + 2 * DAY) }).where(eq(sessions.id, id));
		expect((await client.get('/account')).status).toBe(200);
		const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
		expect(row!.expiresAt.getTime()).toBe(createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME);
	});
});

/** Cookies as SvelteKit's handle sees them, recording what is set. */
function cookieJar(initial: Record<string, string>) {
	const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const cookies = {
		get: (name: string) => initial[name],
		set: (name: string, value: string, options: Record<string, unknown>) => set.push({ name, value, options }),
		delete: (name: string, options: Record<string, unknown>) => set.push({ name, value: '', options })
	} as unknown as Cookies;
	return { cookies, set };
}

describe(`SE6: cookie prefix and HSTS under https (${DATABASE_KIND})`, () => {
	it('under https the session cookie is __Host-session (Secure, Path=/, no Domain) and the plain name is ignored', async () => {
		const user = await createUser();
		const { token } = await createSession(user.id);
		const url = new URL('https://letters.example.org/account');
		const secure = cookieJar({ '__Host-session': token });
		const event = { cookies: secure.cookies, url, locals: {} } as unknown as RequestEvent;
		await handleSession({ event, resolve: async () => new Response('ok') });
		expect(event.locals.user?.id).toBe(user.id);
		expect(secure.set[0]).toMatchObject({ name: '__Host-session', value: token, options: { secure: true, path: '/', httpOnly: true } });
		expect(secure.set[0]!.options).not.toHaveProperty('domain');
		// A cookie without the prefix (which a sibling subdomain could plant) is not read.
		const plain = cookieJar({ session: token });
		const planted = { cookies: plain.cookies, url, locals: {} } as unknown as RequestEvent;
		await handleSession({ event: planted, resolve: async () => new Response('ok') });
		expect(planted.locals.user).toBeNull();
	});

	it('AU10: under https the sign-up browser\'s marker is a __Host- cookie, so a subdomain cannot plant one', () => {
		const url = new URL('https://letters.example.org/sign-up');
		const jar = cookieJar({ pending_verification: 'planted' });
		rememberPendingVerification(jar.cookies, url, 'abc');
		expect(jar.set[0]).toMatchObject({ name: '__Host-pending_verification', value: 'abc', options: { secure: true, path: '/', httpOnly: true } });
		expect(readPendingVerification(jar.cookies, url)).toBeUndefined();
	});

	it('responses under https carry HSTS; responses over plain http do not', async () => {
		const secure = await handleSecurityHeaders({
			event: { url: new URL('https://letters.example.org/'), locals: { user: null } } as unknown as RequestEvent,
			resolve: async () => new Response('ok')
		});
		expect(secure.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
		const plain = await new TestClient(app).get('/');
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
