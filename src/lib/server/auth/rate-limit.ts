import { sql } from 'drizzle-orm';
import { db } from '../db';
import { rateLimits } from '../db/schema';
import { AppError } from '../errors';
import { noteRetryAfter } from '../hooks/retry-after';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/i18n/locales';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowSeconds: number;
}

/** The limits in one place, so tests and docs can refer to them. */
export const LIMITS = {
	// Re-entering one's own password while signed in (step-up, account changes).
	signInPerAccount: { max: 10, windowSeconds: 15 * 60 },
	signInPerAddress: { max: 30, windowSeconds: 15 * 60 },
	// Issue 11 point 8: a stranger's wrong passwords must not lock the owner out, so
	// the blocking limit is per account *and* address; account-wide, past this many
	// attempts in the window, attempts are only spaced out (SIGN_IN_PACE_SECONDS).
	signInPerAccountAndAddress: { max: 10, windowSeconds: 15 * 60 },
	signInPerAccountAnywhere: { max: 50, windowSeconds: 15 * 60 },
	// Generous: an organisation's workshop may sign up dozens of people behind one address.
	signUpPerAddress: { max: 50, windowSeconds: 60 * 60 },
	resetPerAccount: { max: 3, windowSeconds: 60 * 60 },
	resetPerAddress: { max: 10, windowSeconds: 60 * 60 },
	codePerRequest: { max: 5, windowSeconds: 15 * 60 },
	codePerAddress: { max: 30, windowSeconds: 15 * 60 },
	/** AU7: five tries at a second-factor code, then a pause (a right code resets the count). */
	secondFactorPerAccount: { max: 5, windowSeconds: 15 * 60 },
	mailPerAccount: { max: 5, windowSeconds: 60 * 60 },
	invitePerUser: { max: 50, windowSeconds: 60 * 60 },
	/** Issue 10 point 8: codes mailed to an organisation's domain, and fetches of its token file. */
	domainCodePerOrganisation: { max: 3, windowSeconds: 60 * 60 },
	domainCodeTriesPerAccount: { max: 10, windowSeconds: 15 * 60 },
	domainFetchPerOrganisation: { max: 10, windowSeconds: 60 * 60 }
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
	if (row && row.count > limit.max) refuse(row.resetAt);
}

export const SIGN_IN_PACE_SECONDS = 10;

/**
 * Counts one attempt under `key` without refusing it: the count in the current
 * window, for limits that slow down rather than block.
 */
export async function countAttempt(key: string, limit: Limit): Promise<number> {
	const window = sql`make_interval(secs => ${limit.windowSeconds})`;
	const [row] = await db()
		.insert(rateLimits)
		.values({ key, count: 1, resetAt: sql`now() + ${window}` })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
				resetAt: sql`case when ${rateLimits.resetAt} <= now() then now() + ${window} else ${rateLimits.resetAt} end`
			}
		})
		.returning({ count: rateLimits.count });
	return row?.count ?? 1;
}

/**
 * Lets one attempt under `key` through every `seconds`, and refuses the others with
 * the (short) wait until the next: a delay, never a lock-out. One statement, so
 * concurrent attempts cannot both take the same slot.
 */
export async function paceAttempts(key: string, seconds: number): Promise<void> {
	const pace = sql`make_interval(secs => ${seconds})`;
	const [row] = await db()
		.insert(rateLimits)
		.values({ key, count: 1, resetAt: sql`now() + ${pace}` })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
				resetAt: sql`case when ${rateLimits.resetAt} <= now() then now() + ${pace} else ${rateLimits.resetAt} end`
			}
		})
		.returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
	if (row && row.count > 1) refuse(row.resetAt);
}

function refuse(resetAt: Date): never {
	const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
	noteRetryAfter(retryAfter);
	throw new AppError('rate_limited', describeWait(retryAfter), retryAfter);
}

/** Forgets the failures under `key`, e.g. after a successful sign-in. */
export async function resetRateLimit(key: string): Promise<void> {
	await db().delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/** The refusal, with the wait in seconds under 90 seconds and in minutes above, in the reader's language. */
function describeWait(seconds: number): string {
	if (seconds < 90) return m.auth_rate_limited_seconds({ count: seconds, shown: formatNumber(seconds) });
	const minutes = Math.ceil(seconds / 60);
	return m.auth_rate_limited_minutes({ count: minutes, shown: formatNumber(minutes) });
}
