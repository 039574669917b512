import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase, testDatabase } from '../helpers/database';
import { consumeRateLimit, resetRateLimit } from '../../src/lib/server/auth/rate-limit';
import { AppError } from '../../src/lib/server/errors';
import { db } from '../../src/lib/server/db';
import { rateLimits } from '../../src/lib/server/db/schema';

beforeEach(async () => {
	await testDatabase();
	await resetDatabase();
});

describe(`rate limits in the database (${DATABASE_KIND})`, () => {
	it('allows the allowance, then refuses with a wait time', async () => {
		const limit = { max: 3, windowSeconds: 60 };
		for (let i = 0; i < 3; i++) await consumeRateLimit('k', limit);
		const error = await consumeRateLimit('k', limit).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('rate_limited');
		expect((error as AppError).retryAfterSeconds).toBeGreaterThan(50);
	});

	it('counts parallel attempts exactly (one statement per attempt)', async () => {
		const limit = { max: 100, windowSeconds: 60 };
		await Promise.all(Array.from({ length: 40 }, () => consumeRateLimit('parallel', limit)));
		const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, 'parallel'));
		expect(row?.count).toBe(40);
	});

	it('never locks anyone out for good: a new window starts fresh', async () => {
		const limit = { max: 1, windowSeconds: 60 };
		await consumeRateLimit('w', limit);
		await expect(consumeRateLimit('w', limit)).rejects.toThrow(AppError);
		await db().update(rateLimits).set({ resetAt: new Date(Date.now() - 1000) }).where(eq(rateLimits.key, 'w'));
		await expect(consumeRateLimit('w', limit)).resolves.toBeUndefined();
	});

	it('forgets a key on reset', async () => {
		const limit = { max: 1, windowSeconds: 60 };
		await consumeRateLimit('r', limit);
		await resetRateLimit('r');
		await expect(consumeRateLimit('r', limit)).resolves.toBeUndefined();
	});
});
