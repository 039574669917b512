import { eq } from 'drizzle-orm';
import type { Transaction } from '../db';
import { auditChains, auditEvents } from '../db/schema';
import { GENESIS_HASH, hashEvent, type AuditEventType } from './audit-event';

/**
 * Appends one entry to a chain (IG1, IG2) inside the caller's transaction, so the
 * change and its audit entry commit or roll back together (CC4).
 *
 * `data` holds ids and small facts only (revision id, content hash, language, a
 * reason code), never names, e-mail addresses or text people wrote: entries can
 * never be changed or removed, and a withdrawn signatory must vanish from every
 * output while the chain still verifies (PR3).
 *
 * Appends to one chain queue on its head row (SELECT ... FOR UPDATE); different
 * chains do not wait for each other. Meant for READ COMMITTED transactions (the
 * default): under REPEATABLE READ a concurrent append would fail to serialise.
 */
export async function appendAuditEvent(
	tx: Transaction,
	event: { chainId: string; type: AuditEventType; actorId: string | null; data: Record<string, unknown> }
): Promise<{ seq: number; hash: string }> {
	// Two first appends to a new chain both try this insert; the second waits for the
	// first to commit and then does nothing, so a chain never starts twice.
	await tx.insert(auditChains).values({ chainId: event.chainId, headSeq: 0, headHash: GENESIS_HASH }).onConflictDoNothing();
	const [head] = await tx.select().from(auditChains).where(eq(auditChains.chainId, event.chainId)).for('update');
	if (!head) throw new Error(`audit chain ${event.chainId} has no head row`);

	const entry = {
		chainId: event.chainId,
		seq: head.headSeq + 1,
		type: event.type,
		actorId: event.actorId,
		// Hash what the database will hand back: JSON drops undefined and turns Dates
		// into strings, exactly as storing the value in jsonb does.
		data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
		// AZ2, IG4: the server's clock. A Date holds milliseconds, which timestamptz
		// (microseconds) stores exactly, so the verifier reads back the same instant.
		createdAt: new Date()
	};
	const hash = hashEvent(head.headHash, entry);
	await tx.insert(auditEvents).values({ ...entry, prevHash: head.headHash, hash });
	await tx.update(auditChains).set({ headSeq: entry.seq, headHash: hash }).where(eq(auditChains.chainId, event.chainId));
	return { seq: entry.seq, hash };
}
