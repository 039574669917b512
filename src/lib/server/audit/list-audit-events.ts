import { asc, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { auditEvents } from '../db/schema';

export type AuditEventRecord = typeof auditEvents.$inferSelect;

/**
 * The entries of several chains as one timeline (a letter's chain merged with its
 * coalition's): by time, then chain and seq, so entries written in the same
 * millisecond keep their order within a chain.
 */
export async function listAuditEvents(chainIds: string[], executor: Executor = db()): Promise<AuditEventRecord[]> {
	if (chainIds.length === 0) return [];
	return executor
		.select()
		.from(auditEvents)
		.where(inArray(auditEvents.chainId, chainIds))
		.orderBy(asc(auditEvents.createdAt), asc(auditEvents.chainId), asc(auditEvents.seq));
}
