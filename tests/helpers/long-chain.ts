import { eq } from 'drizzle-orm';
import { db } from '../../src/lib/server/db';
import { auditChains, auditEvents } from '../../src/lib/server/db/schema';
import { GENESIS_HASH, hashEvent } from '../../src/lib/server/audit/audit-event';

/**
 * Writes `length` valid entries in bulk after a chain's head, starting the chain if
 * need be (appending one by one would take minutes).
 */
export async function writeLongChain(chainId: string, length: number): Promise<string> {
	const [head] = await db().select().from(auditChains).where(eq(auditChains.chainId, chainId));
	let previous = head?.headHash ?? GENESIS_HASH;
	const first = (head?.headSeq ?? 0) + 1;
	const rows: (typeof auditEvents.$inferInsert)[] = [];
	const start = Date.now();
	for (let seq = first; seq < first + length; seq++) {
		const entry = { chainId, seq, type: 'comment.added' as const, actorId: null, data: { n: seq }, createdAt: new Date(start + seq) };
		const hash = hashEvent(previous, entry);
		rows.push({ ...entry, prevHash: previous, hash });
		previous = hash;
	}
	for (let i = 0; i < rows.length; i += 1000) await db().insert(auditEvents).values(rows.slice(i, i + 1000));
	const last = first + length - 1;
	if (head) await db().update(auditChains).set({ headSeq: last, headHash: previous }).where(eq(auditChains.chainId, chainId));
	else await db().insert(auditChains).values({ chainId, headSeq: last, headHash: previous });
	return previous;
}
