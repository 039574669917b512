import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { auditChains, auditEvents } from '../db/schema';
import { GENESIS_HASH } from './audit-event';
import { verifyAuditChain, type AuditChainVerdict } from './verify-audit-chain';

/*
 * AV3, issue 11 point 7: /verify/<code> is open to anyone, and recomputing a chain
 * of 10,000 entries costs 10,000 SHA-256 and JSON canonicalisations per request.
 * A chain only grows through its head, so a verdict holds for as long as the head
 * (seq and hash) is unchanged: verdicts are kept per head.
 *
 * Kept in this process, bounded (least recently used out) and for ten minutes at
 * most: it is derived data, so losing it costs one recomputation, and another
 * instance keeps its own. The ten minutes bound how long a change made behind the
 * trigger's back (entries rewritten without touching the head) could go unseen by
 * visitors; the coordinators' audit page always recomputes (verifyAuditChain).
 */
const MAX_CHAINS = 1000;
const TTL_MS = 10 * 60 * 1000;

const verdicts = new Map<string, { key: string; verdict: AuditChainVerdict; at: number }>();

/** As verifyAuditChain, from a verdict kept per chain head when there is one. */
export async function verifyAuditChainCached(chainId: string): Promise<AuditChainVerdict> {
	const [head] = await db()
		.select({ seq: auditChains.headSeq, hash: auditChains.headHash })
		.from(auditChains)
		.where(eq(auditChains.chainId, chainId));
	const key = `${head?.seq ?? 0}:${head?.hash ?? GENESIS_HASH}`;
	const kept = verdicts.get(chainId);
	if (kept && kept.key === key && Date.now() - kept.at < TTL_MS) {
		verdicts.delete(chainId);
		verdicts.set(chainId, kept);
		return kept.verdict;
	}
	const verdict = await verifyAuditChain(chainId);
	// Keep it under the head it was computed for; a verdict on a chain that grew
	// meanwhile is keyed on the older head and simply not found next time.
	verdicts.delete(chainId);
	// A failed verdict's message is in its reader's language: not kept for the next reader (failures are rare).
	if (!verdict.ok) return verdict;
	verdicts.set(chainId, { key, verdict, at: Date.now() });
	if (verdicts.size > MAX_CHAINS) verdicts.delete(verdicts.keys().next().value as string);
	return verdict;
}

/** Whether a chain holds an entry with this hash (one indexed lookup, not the whole chain). */
export async function auditChainContains(chainId: string, hash: string): Promise<boolean> {
	if (hash === GENESIS_HASH) return true;
	const [row] = await db()
		.select({ seq: auditEvents.seq })
		.from(auditEvents)
		.where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.hash, hash)))
		.limit(1);
	return row !== undefined;
}
