import { sql } from 'drizzle-orm';
import { db } from '../db';
import { rateLimits } from '../db/schema';
import { AppError } from '../errors';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowSeconds: number;
}

/** The limits in one place, so tests and docs can refer to them. */
export const LIMITS = {
	signInPerAccount: { max: 10, windowSeconds: 15 * 60 },
	signInPerAddress: { max: 30, windowSeconds: 15 * 60 },
	// Generous: an organisation's workshop may sign up dozens of people behind one address.
	signUpPerAddress: { max: 50, windowSeconds: 60 * 60 },
	resetPerAccount: { max: 3, windowSeconds: 60 * 60 },
	resetPerAddress: { max: 10, windowSeconds: 60 * 60 },
	codePerRequest: { max: 5, windowSeconds: 15 * 60 },
	codePerAddress: { max: 30, windowSeconds: 15 * 60 },
	/** AU7: five tries at a second-factor code, then a pause (a right code resets the count). */
	secondFactorPerAccount: { max: 5, windowSeconds: 15 * 60 },
	mailPerAccount: { max: 5, windowSeconds: 60 * 60 },
	invitePerUser: { max: 50, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/**
 * Counts one attempt under `key` and throws a rate_limited AppError once the window's
 * allowance is spent (AU2). Windows end, so nobody is locked out for good. One
 * statement, so concurrent attempts from several instances are all counted.
 */
export async function consumeRateLimit(key: string, limit: Limit): Promise<void> {
	const window = sql`make_interval(secs => ${limit.windowSeconds})`;
	const result = await db()
		.insert(rateLimits)
		.values({ key, count: 1, resetAt: sql`now() + ${window}` })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
				resetAt: sql`case when ${rateLimits.resetAt} <= now() then now() + ${window} else ${rateLimits.resetAt} end`
			}
		})
		.returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
	const row = result[0];
	if (row && row.count > limit.max) {
		const retryAfter = Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000));
		throw new AppError('rate_limited', `Too many attempts. Please wait ${describeWait(retryAfter)} and try again.`, retryAfter);
	}
}

/** Forgets the failures under `key`, e.g. after a successful sign-in. */
export async function resetRateLimit(key: string): Promise<void> {
	await db().delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

function describeWait(seconds: number): string {
	if (seconds < 90) return `${seconds} seconds`;
	return `${Math.ceil(seconds / 60)} minutes`;
}
