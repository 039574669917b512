import { sql, type SQL } from 'drizzle-orm';
import canonicalize from 'canonicalize';
import type { Transaction } from '../db';
import { auditChains, auditEvents } from '../db/schema';
import { preparedStatement } from '../commands/prepared-statement';
import { GENESIS_HASH, type AuditEventType, type HashedAuditEvent } from './audit-event';

/**
 * Appends one entry to a chain (IG1, IG2) inside the caller's transaction, so the
 * change and its audit entry commit or roll back together (CC4).
 *
 * `data` holds ids and small facts only (revision id, content hash, language, a
 * reason code), never names, e-mail addresses or text people wrote: entries can
 * never be changed or removed, and a withdrawn signatory must vanish from every
 * output while the chain still verifies (PR3).
 *
 * Appends to one chain queue on its head row (locked FOR UPDATE in the one statement
 * that writes the entry); different chains do not wait for each other. Meant for READ COMMITTED transactions (the
 * default): under REPEATABLE READ a concurrent append would fail to serialise.
 */
export async function appendAuditEvent(
	tx: Transaction,
	event: { chainId: string; type: AuditEventType; actorId: string | null; data: Record<string, unknown> }
): Promise<{ seq: number; hash: string }> {
	const entry = auditEntry(event);
	const appended = await appendInOneStatement(tx, entry);
	if (appended) return appended;
	// A new chain. Two first appends both try this insert; the second waits for the
	// first to commit and then does nothing, so a chain never starts twice.
	await tx.insert(auditChains).values({ chainId: event.chainId, headSeq: 0, headHash: GENESIS_HASH }).onConflictDoNothing();
	const retried = await appendInOneStatement(tx, entry);
	if (!retried) throw new Error(`audit chain ${event.chainId} has no head row`);
	return retried;
}

/**
 * Issue #9 point 8: appends to a chain that already has entries, in exactly one
 * statement, so that runCommand can send the transaction's COMMIT right behind it
 * without waiting for its answer. Appends to one chain take turns on its head row
 * from this statement until the commit; with the COMMIT already on its way, a turn
 * lasts as long as the database takes, not a round trip to a busy application
 * server as well. A chain without a head is an error here (the statement writes
 * nothing and fails), never a command committed without its entry.
 */
export async function appendWithCommit(
	tx: Transaction,
	event: { chainId: string; type: AuditEventType; actorId: string | null; data: Record<string, unknown> }
): Promise<{ seq: number; hash: string }> {
	const entry = auditEntry(event);
	const [row] = await appendOrFailStatement.run(tx, statementValues(entry));
	if (!row) throw new Error(`audit chain ${event.chainId} has no head row`);
	return { seq: Number(row.seq), hash: row.hash };
}

function auditEntry(event: { chainId: string; type: AuditEventType; actorId: string | null; data: Record<string, unknown> }): Omit<HashedAuditEvent, 'seq'> {
	return {
		chainId: event.chainId,
		type: event.type,
		actorId: event.actorId,
		// Hash what the database will hand back: JSON drops undefined and turns Dates
		// into strings, exactly as storing the value in jsonb does.
		data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
		// AZ2, IG4: the server's clock. A Date holds milliseconds, which timestamptz
		// (microseconds) stores exactly, so the verifier reads back the same instant.
		createdAt: new Date()
	};
}

/*
 * The entry's canonical JSON (audit-event.ts) with its seq left open: JCS sorts the
 * keys, so the top-level "seq" is the last one before "type", and only the database,
 * holding the head, knows it. The marker cannot occur inside data after the
 * top-level key, since "type" holds a plain string.
 */
function canonicalAround(entry: Omit<HashedAuditEvent, 'seq'>): { before: string; after: string } {
	const json = canonicalize({ ...entry, seq: 0, createdAt: entry.createdAt.toISOString() });
	if (json === undefined) throw new Error('audit event cannot be canonicalised');
	const marker = ',"seq":0,"type":';
	const at = json.lastIndexOf(marker);
	if (at < 0) throw new Error('audit event has no seq');
	return { before: json.slice(0, at) + ',"seq":', after: json.slice(at + ',"seq":0'.length) };
}

/**
 * Locks the head, writes the entry with SHA-256(prev_hash || C(entry)) computed by
 * the database, and moves the head, in one statement: appends to one chain take
 * turns on its head row until commit, and one round trip keeps each turn short
 * (signatures of different organisations queue only here). Returns undefined when
 * the chain has no head yet. hashEvent() computes the same hash (the verifier uses it).
 */
async function appendInOneStatement(tx: Transaction, entry: Omit<HashedAuditEvent, 'seq'>): Promise<{ seq: number; hash: string } | undefined> {
	const [row] = await appendStatement.run(tx, statementValues(entry));
	return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

const chainId = sql.placeholder('chainId');

/**
 * Locks the head, computes the next entry from it, writes it and moves the head.
 * `source` is what the entry is selected from: `next`, empty without a head, or
 * `next` outer-joined to one row, which writes nulls without a head.
 */
function appendSql(source: SQL): SQL {
	return sql`with head as (
		select head_seq, head_hash from ${auditChains} where chain_id = ${chainId} for update
	), next as (
		select head_seq + 1 as seq, head_hash as prev_hash,
			encode(sha256(convert_to(head_hash || ${sql.placeholder('before')}::text || (head_seq + 1)::text || ${sql.placeholder('after')}::text, 'UTF8')), 'hex') as hash
		from head
	), written as (
		insert into ${auditEvents} (chain_id, seq, type, actor_id, data, created_at, prev_hash, hash)
		select ${chainId}, next.seq, ${sql.placeholder('type')}, ${sql.placeholder('actorId')}, ${sql.placeholder('data')}::jsonb, ${sql.placeholder('createdAt')}::timestamptz, next.prev_hash, next.hash
		from ${source}
		returning seq, hash
	)
	update ${auditChains} set head_seq = written.seq, head_hash = written.hash
	from written where ${auditChains}.chain_id = ${chainId}
	returning written.seq as seq, written.hash as hash`;
}

/** Named, so the statement is parsed once per connection: every command appends one (issue #9 point 8). No row without a head. */
const appendStatement = preparedStatement<{ seq: number; hash: string }>('audit_append', appendSql(sql`next`));

/**
 * For appendWithCommit: without a head row the entry is written with a null seq,
 * which the NOT NULL constraint refuses, so the statement fails (and the
 * transaction with it) instead of writing nothing.
 */
const appendOrFailStatement = preparedStatement<{ seq: number; hash: string }>('audit_append_or_fail', appendSql(sql`(select 1) as one left join next on true`));

/** The statement's parameters for an entry. */
function statementValues(entry: Omit<HashedAuditEvent, 'seq'>) {
	const { before, after } = canonicalAround(entry);
	return {
		chainId: entry.chainId,
		type: entry.type,
		actorId: entry.actorId,
		data: JSON.stringify(entry.data),
		createdAt: entry.createdAt.toISOString(),
		before,
		after
	};
}
