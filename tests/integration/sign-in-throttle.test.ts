import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { checkCredentials } from '../../src/lib/server/auth/sign-in';
import { LIMITS, SIGN_IN_PACE_SECONDS } from '../../src/lib/server/auth/rate-limit';
import { AppError } from '../../src/lib/server/errors';
import { db } from '../../src/lib/server/db';
import { rateLimits } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
});

const attempt = (email: string, password: string, clientAddress: string) =>
	checkCredentials({ email, password, clientAddress }).then(
		() => 'signed in',
		(error: unknown) => (error instanceof AppError ? error : Promise.reject(error))
	);

describe(`no targeted lock-out (issue 11 point 8, AV2) on ${DATABASE_KIND}`, () => {
	it('ten wrong passwords from one address do not lock the owner out from theirs', async () => {
		const user = await createUser();
		for (let i = 0; i < LIMITS.signInPerAccountAndAddress.max; i++) {
			expect(await attempt(user.email, `wrong-${i}-password`, '203.0.113.9')).toMatchObject({ code: 'invalid' });
		}
		const blocked = await attempt(user.email, PASSWORD, '203.0.113.9');
		expect(blocked).toMatchObject({ code: 'rate_limited' });
		expect((blocked as AppError).retryAfterSeconds).toBeGreaterThan(60);
		expect(await attempt(user.email, PASSWORD, '198.51.100.7')).toBe('signed in');
	});

	it('many addresses guessing one account are slowed down, and the owner only waits a few seconds', async () => {
		const user = await createUser();
		const anywhere = LIMITS.signInPerAccountAnywhere;
		await db()
			.insert(rateLimits)
			.values({ key: `signin:account:${user.email}`, count: anywhere.max, resetAt: new Date(Date.now() + anywhere.windowSeconds * 1000) });
		expect(await attempt(user.email, 'a wrong guess', '192.0.2.1')).toMatchObject({ code: 'invalid' });
		const paced = await attempt(user.email, PASSWORD, '198.51.100.7');
		expect(paced).toMatchObject({ code: 'rate_limited' });
		expect((paced as AppError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_PACE_SECONDS);
		await db()
			.update(rateLimits)
			.set({ resetAt: new Date(Date.now() - 1000) })
			.where(eq(rateLimits.key, `signin:account-pace:${user.email}`));
		expect(await attempt(user.email, PASSWORD, '198.51.100.7')).toBe('signed in');
	});

	it('answers every 429 with Retry-After', async () => {
		const user = await createUser();
		const client = new TestClient(app);
		let last;
		for (let i = 0; i <= LIMITS.signInPerAccountAndAddress.max; i++) {
			last = await client.post('/sign-in', { email: user.email, password: `wrong-${i}-password` });
		}
		expect(last?.status).toBe(429);
		expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(60);
	});
});
