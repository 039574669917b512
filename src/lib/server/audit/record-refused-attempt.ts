import { db } from '../db';
import { consumeRateLimit, countAttempt } from '../auth/rate-limit';
import { appendAuditEvent } from './append-audit-event';

/*
 * AV5, issue 11 point 7: an outsider appended 300 `signature.refused` entries to a
 * public letter's chain in under two seconds. Refused attempts are now:
 *
 * - throttled per person (10 per 15 minutes on one letter) and per client address
 *   (30 per 15 minutes across letters), with 429 and Retry-After past that;
 * - counted, not each written: the person's first refused attempt on a letter is
 *   an entry, and then the 10th, 100th, 1,000th..., each carrying the running count
 *   in `attempts`. A chain thus records that someone kept trying, and how often,
 *   in a number of entries that grows with the logarithm of the attempts.
 *
 * The count lives in the rate-limit table under a 30-day window (derived data, in
 * the database so it holds across instances).
 */
export const REFUSED_LIMITS = {
	perPerson: { max: 10, windowSeconds: 15 * 60 },
	perAddress: { max: 30, windowSeconds: 15 * 60 },
	counted: { max: Number.MAX_SAFE_INTEGER, windowSeconds: 30 * 24 * 60 * 60 }
};

/** 1, 10, 100, 1000... */
const isMilestone = (count: number): boolean => count === 1 || (count % 10 === 0 && isMilestone(count / 10));

export async function recordRefusedAttempt(options: {
	chainId: string;
	type: 'signature.refused';
	actorId: string;
	clientAddress: string;
	data: Record<string, unknown>;
}): Promise<void> {
	await consumeRateLimit(`refused:${options.chainId}:person:${options.actorId}`, REFUSED_LIMITS.perPerson);
	await consumeRateLimit(`refused:address:${options.clientAddress}`, REFUSED_LIMITS.perAddress);
	const attempts = await countAttempt(`refused-count:${options.chainId}:${options.actorId}`, REFUSED_LIMITS.counted);
	if (!isMilestone(attempts)) return;
	await db().transaction((tx) =>
		appendAuditEvent(tx, { chainId: options.chainId, type: options.type, actorId: options.actorId, data: { ...options.data, attempts } })
	);
}
