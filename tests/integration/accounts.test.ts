import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { codeIn, linkIn } from '../helpers/mail';
import { createUser, PASSWORD, signedInClient, uniqueEmail } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { sessions, users } from '../../src/lib/server/db/schema';
import { hashSecret } from '../../src/lib/server/crypto';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

async function signUp(client: TestClient, email: string, name = 'Ada Example', password = PASSWORD) {
	return client.post('/sign-up', { name, email, password });
}

describe(`accounts through the real handle (${DATABASE_KIND})`, () => {
	it('signs up, confirms the address with the code from the mail, and is signed in', async () => {
		const client = new TestClient(app);
		const email = uniqueEmail('ada');
		const response = await signUp(client, email);
		expect(response.status).toBe(303);
		expect(response.location).toBe('/verify-email');
		const mail = await app.mail.waitFor(email, /Confirm your e-mail/);
		expect(mail.html).toContain('<a href=');
		const confirm = await client.post('/verify-email?/confirm', { code: codeIn(mail) });
		expect(confirm.status).toBe(303);
		const account = await client.get('/account');
		expect(account.status).toBe(200);
		expect(pageText(account.text)).toContain(email);
		const [user] = await db().select().from(users).where(eq(users.email, email));
		expect(user?.emailVerified).toBe(true);
	});

	it('confirms the address with the link, by POST only (a GET changes nothing)', async () => {
		const email = uniqueEmail();
		await signUp(new TestClient(app), email);
		const mail = await app.mail.waitFor(email, /Confirm/);
		const link = new URL(linkIn(mail, '/verify-email/'));
		const other = new TestClient(app);
		const page = await other.get(link.pathname);
		expect(page.status).toBe(200);
		const [before] = await db().select().from(users).where(eq(users.email, email));
		expect(before?.emailVerified).toBe(false);
		// AU10: another browser confirming a never-confirmed account chooses its password.
		const confirmed = await other.post(link.pathname, { password: 'a fresh password 2', confirm: 'a fresh password 2' });
		expect(confirmed.status).toBe(303);
		const [after] = await db().select().from(users).where(eq(users.email, email));
		expect(after?.emailVerified).toBe(true);
		// AU4: the link works once.
		const again = await new TestClient(app).post(link.pathname, {});
		expect(again.status).toBe(400);
		expect(pageText(again.text)).toContain('already used');
	});

	it('AU1: sign-up with a taken address answers like a new one and mails the owner instead', async () => {
		const existing = await createUser();
		const first = await signUp(new TestClient(app), existing.email, 'Somebody');
		const second = await signUp(new TestClient(app), uniqueEmail(), 'Somebody');
		expect(first.status).toBe(second.status);
		expect(first.location).toBe(second.location);
		const notice = await app.mail.waitFor(existing.email, /already have an Undersigned account/);
		expect(notice.text).toContain('/forgot-password');
		const count = await db().select().from(users).where(eq(users.email, existing.email));
		expect(count).toHaveLength(1);
	});

	it('refuses a wrong code, and throttles code entry after 5 tries', async () => {
		const client = new TestClient(app);
		const email = uniqueEmail();
		await signUp(client, email);
		await app.mail.waitFor(email, /Confirm/);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await client.post('/verify-email?/confirm', { code: 'WRONG234' })).status);
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses[5]).toBe(429);
	});

	it('refuses a wrong password with the same message as an unknown address, keeping the typed address', async () => {
		const user = await createUser();
		const wrong = await new TestClient(app).post('/sign-in', { email: user.email, password: 'not the password' });
		const unknown = await new TestClient(app).post('/sign-in', { email: uniqueEmail(), password: 'not the password' });
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(400);
		expect(pageText(wrong.text)).toContain('do not match an account');
		expect(pageText(unknown.text)).toContain('do not match an account');
		expect(wrong.text).toContain(`value="${user.email}"`);
		expect(wrong.text).not.toContain('not the password');
	});

	it('AU2: throttles sign-in per account, and a spoofed X-Forwarded-For does not reset it', async () => {
		const user = await createUser();
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const client = new TestClient(app, { 'x-forwarded-for': `10.0.0.${i}` });
			statuses.push((await client.post('/sign-in', { email: user.email, password: `wrong-${i}-password` })).status);
		}
		expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
		expect(statuses.slice(10)).toEqual([429, 429]);
		// Even the right password waits until the window ends.
		const right = await new TestClient(app).post('/sign-in', { email: user.email, password: PASSWORD });
		expect(right.status).toBe(429);
		expect(pageText(right.text)).toContain('Too many attempts');
	});

	it('SE1, SE6: stores only the hash of the session token and sets a strict cookie', async () => {
		const user = await createUser();
		const client = new TestClient(app);
		const response = await client.post('/sign-in', { email: user.email, password: PASSWORD });
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		const token = client.cookies.get('session') ?? '';
		const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.id).toBe(hashSecret(token));
		expect(rows[0]?.id).not.toBe(token);
	});

	it('SE5: every sign-in gets a new token and ends the one the browser had', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const first = client.cookies.get('session') ?? '';
		const old = new TestClient(app);
		old.cookies.set('session', first);
		expect((await old.get('/account')).status).toBe(200);
		client.cookies.delete('session');
		client.cookies.set('session', first);
		await client.post('/sign-in', { email: user.email, password: PASSWORD });
		const fresh = await signedInClient(app, user.email);
		expect(fresh.cookies.get('session')).not.toBe(first);
	});

	it('SE4: sign-out ends the session for good, even for a copy of the cookie', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const copy = new TestClient(app);
		copy.cookies.set('session', client.cookies.get('session') ?? '');
		expect((await copy.get('/account')).status).toBe(200);
		expect((await client.post('/sign-out', {})).status).toBe(303);
		expect(client.cookies.has('session')).toBe(false);
		expect((await copy.get('/account')).status).toBe(303);
	});

	it('SE2: an expired session is refused and deleted', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const id = hashSecret(client.cookies.get('session') ?? '');
		await db().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
		const response = await client.get('/account');
		expect(response.status).toBe(303);
		expect(response.location).toContain('/sign-in');
		expect(await db().select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
	});

	it('SE2: a session used in its second half is extended', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const id = hashSecret(client.cookies.get('session') ?? '');
		const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
		await db().update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id));
		await client.get('/account');
		const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
		expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);
	});

	it('resets a forgotten password by mail: single use, ends every session, old password refused', async () => {
		const user = await createUser();
		const oldSession = await signedInClient(app, user.email);
		const unknown = await new TestClient(app).post('/forgot-password', { email: uniqueEmail() });
		const known = await new TestClient(app).post('/forgot-password', { email: user.email });
		expect(known.status).toBe(unknown.status);
		expect(pageText(known.text).replace(user.email, 'X')).toBe(pageText(unknown.text).replace(/\S+@example\.org/, 'X'));
		const mail = await app.mail.waitFor(user.email, /new password/);
		const link = new URL(linkIn(mail, '/reset-password/'));
		const client = new TestClient(app);
		const done = await client.post(link.pathname, { password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
		expect(done.status).toBe(303);
		expect((await oldSession.get('/account')).status).toBe(303);
		const reused = await client.post(link.pathname, { password: 'another new passphrase', confirm: 'another new passphrase' });
		expect(reused.status).toBe(400);
		expect(pageText(reused.text)).toContain('already used');
		expect((await new TestClient(app).post('/sign-in', { email: user.email, password: PASSWORD })).status).toBe(400);
		expect((await new TestClient(app).post('/sign-in', { email: user.email, password: 'a brand new passphrase' })).status).toBe(303);
	});

	it('AU4: a superseded reset link says so', async () => {
		const user = await createUser();
		await new TestClient(app).post('/forgot-password', { email: user.email });
		const first = await app.mail.waitFor(user.email, /new password/);
		app.mail.clear();
		await new TestClient(app).post('/forgot-password', { email: user.email });
		await app.mail.waitFor(user.email, /new password/);
		const page = await new TestClient(app).get(new URL(linkIn(first, '/reset-password/')).pathname);
		expect(pageText(page.text)).toContain('newer reset link');
	});

	it('changes the password: the current one is required, other sessions end, this one stays', async () => {
		const user = await createUser();
		const here = await signedInClient(app, user.email);
		const elsewhere = await signedInClient(app, user.email);
		const wrong = await here.post('/account?/password', { currentPassword: 'nope nope', newPassword: 'fresh passphrase 1', confirm: 'fresh passphrase 1' });
		expect(wrong.status).toBe(400);
		expect(pageText(wrong.text)).toContain('current password is not right');
		const ok = await here.post('/account?/password', { currentPassword: PASSWORD, newPassword: 'fresh passphrase 1', confirm: 'fresh passphrase 1' });
		expect(ok.status).toBe(303);
		expect(pageText((await here.follow(ok)).text)).toContain('Your password was changed.');
		expect((await elsewhere.get('/account')).status).toBe(303);
		await app.mail.waitFor(user.email, /password was changed/);
	});

	it('changes the e-mail address only once the new one is confirmed', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const newEmail = uniqueEmail('moved');
		const response = await client.post('/account?/email', { email: newEmail, currentPassword: PASSWORD });
		expect(response.status).toBe(303);
		await app.mail.waitFor(user.email, /changing/);
		const mail = await app.mail.waitFor(newEmail, /Confirm/);
		const [before] = await db().select().from(users).where(eq(users.id, user.id));
		expect(before?.email).toBe(user.email);
		expect((await client.post('/verify-email?/confirm', { code: codeIn(mail) })).status).toBe(303);
		const [after] = await db().select().from(users).where(eq(users.id, user.id));
		expect(after?.email).toBe(newEmail);
	});

	it('AU3: refuses short and common passwords on sign-up, keeping the other fields', async () => {
		const email = uniqueEmail();
		const short = await signUp(new TestClient(app), email, 'Ada', 'short');
		expect(short.status).toBe(400);
		expect(pageText(short.text)).toContain('at least 8 characters');
		expect(short.text).toContain(`value="${email}"`);
		const common = await signUp(new TestClient(app), email, 'Ada', 'password123');
		expect(pageText(common.text)).toContain('most common');
	});

	it('AU3: accepts any Unicode password byte-exact', async () => {
		const email = uniqueEmail();
		const password = '  Сайн байна уу 🌿 ';
		await signUp(new TestClient(app), email, 'Ада', password);
		const mail = await app.mail.waitFor(email, /Confirm/);
		await new TestClient(app).post(new URL(linkIn(mail, '/verify-email/')).pathname, {});
		expect((await new TestClient(app).post('/sign-in', { email, password })).status).toBe(303);
		expect((await new TestClient(app).post('/sign-in', { email, password: password.trim() })).status).toBe(400);
	});

	it('AU9: sends people back only to paths on this site after sign-in', async () => {
		const user = await createUser();
		for (const [target, expected] of [
			['/organisations', '/organisations'],
			['//evil.example', '/'],
			['/\\evil.example', '/'],
			['https:evil.example', '/'],
			['https://evil.example/x', '/']
		] as const) {
			const client = new TestClient(app);
			const response = await client.post('/sign-in', { email: user.email, password: PASSWORD, redirectTo: target });
			expect(response.location, target).toBe(expected);
		}
	});

	it('CS1: refuses a form posted from another origin', async () => {
		const user = await createUser();
		const response = await new TestClient(app).post('/sign-in', { email: user.email, password: PASSWORD }, { origin: 'https://evil.example' });
		expect(response.status).toBe(403);
	});

	it('IN1, IN2: refuses NUL bytes and direction overrides in a name with a message, never a 500', async () => {
		for (const name of ['Ada\u0000', 'Ada \u202Enimda', 'A\u200Bda']) {
			const response = await signUp(new TestClient(app), uniqueEmail(), name);
			expect(response.status, JSON.stringify(name)).toBe(400);
			expect(pageText(response.text)).toMatch(/NUL|direction|zero-width/);
		}
	});

	it('IN6: an oversized body gets 413 and the server lives on', async () => {
		const client = new TestClient(app);
		const response = await client.post('/sign-in', { email: 'a@example.org', password: 'x'.repeat(2_000_000) });
		expect(response.status).toBe(413);
		expect((await client.get('/sign-in')).status).toBe(200);
	});

	it('XS4: pages carry a CSP with nonces, nosniff and no framing', async () => {
		const response = await new TestClient(app).get('/sign-in');
		expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBeTruthy();
	});
});
