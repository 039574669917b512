import { db } from '../../src/lib/server/db';
import { auditChains, auditEvents } from '../../src/lib/server/db/schema';
import { GENESIS_HASH, hashEvent } from '../../src/lib/server/audit/audit-event';

/** Writes a valid chain of `length` entries in bulk (appending one by one would take minutes). */
export async function writeLongChain(chainId: string, length: number): Promise<string> {
	let previous = GENESIS_HASH;
	const rows: (typeof auditEvents.$inferInsert)[] = [];
	const start = Date.now() - length * 1000;
	for (let seq = 1; seq <= length; seq++) {
		const entry = { chainId, seq, type: 'comment.added' as const, actorId: null, data: { n: seq }, createdAt: new Date(start + seq * 1000) };
		const hash = hashEvent(previous, entry);
		rows.push({ ...entry, prevHash: previous, hash });
		previous = hash;
	}
	for (let i = 0; i < rows.length; i += 1000) await db().insert(auditEvents).values(rows.slice(i, i + 1000));
	await db().insert(auditChains).values({ chainId, headSeq: length, headHash: previous });
	return previous;
}
