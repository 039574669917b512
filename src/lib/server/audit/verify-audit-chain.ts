import { asc, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { db, type Executor } from '../db';
import { auditChains, auditEvents } from '../db/schema';
import { GENESIS_HASH, hashEvent } from './audit-event';

export type AuditChainVerdict =
	| { ok: true; length: number; headHash: string }
	| {
			ok: false;
			length: number;
			firstBad: { seq: number; reason: 'changed' | 'missing' | 'reordered' | 'head_mismatch' };
			message: string;
	  };

type Entry = typeof auditEvents.$inferSelect;
type Head = typeof auditChains.$inferSelect;

/**
 * IG1: recomputes a chain from genesis in seq order and names the first entry that
 * was changed, removed or reordered. `length` is the number of entries present.
 *
 * The head row is not protected by the trigger, so someone who can alter the
 * database could cut the last entries and rewind the head to match; that is why the
 * head hash is also printed on the published PDF (IG2), where it can be compared.
 *
 * Called with the database, it reads in one REPEATABLE READ snapshot, so an append
 * that commits midway cannot look like tampering. Called with an open transaction,
 * it reads through that transaction's snapshot.
 */
export async function verifyAuditChain(chainId: string, executor: Executor = db()): Promise<AuditChainVerdict> {
	const read = (ex: Executor) => readChain(ex, chainId);
	const snapshot = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;
	const { entries, head } = executor instanceof PgTransaction ? await read(executor) : await executor.transaction(read, snapshot);
	return judgeChain(entries, head);
}

async function readChain(executor: Executor, chainId: string): Promise<{ entries: Entry[]; head: Head | undefined }> {
	const [head] = await executor.select().from(auditChains).where(eq(auditChains.chainId, chainId));
	const entries = await executor.select().from(auditEvents).where(eq(auditEvents.chainId, chainId)).orderBy(asc(auditEvents.seq));
	return { entries, head };
}

function judgeChain(entries: Entry[], head: Head | undefined): AuditChainVerdict {
	const length = entries.length;
	const knownHashes = new Set([GENESIS_HASH, ...entries.map((e) => e.hash)]);
	let previous: Entry | undefined;
	let previousHash = GENESIS_HASH;

	for (const [index, entry] of entries.entries()) {
		const expectedSeq = index + 1;
		if (entry.seq > expectedSeq) {
			const jump = previous ? `goes from entry ${previous.seq} to` : 'starts at';
			return bad(length, expectedSeq, 'missing', `Entry ${expectedSeq} is missing: the chain ${jump} ${describe(entry)}.`);
		}
		const linked = entry.prevHash === previousHash;
		const intact = hashEvent(entry.prevHash, entry) === entry.hash;
		if (linked && intact) {
			previous = entry;
			previousHash = entry.hash;
			continue;
		}
		if (intact) {
			// The entry is as written, but it was written after a different entry.
			if (entry.prevHash !== GENESIS_HASH && knownHashes.has(entry.prevHash)) {
				return bad(length, entry.seq, 'reordered', `${capitalise(describe(entry))} is out of order: it was written after a different entry.`);
			}
			return bad(
				length,
				entry.seq,
				'missing',
				`${capitalise(describe(entry))} no longer follows entry ${entry.seq - 1}: an entry between them was removed, or entry ${entry.seq - 1} was rewritten.`
			);
		}
		// The seq is part of the hash: an entry moved to another seq hashes right only with its old one.
		const writtenAs = findOriginalSeq(entry, entries.length + (head?.headSeq ?? 0) + 1);
		if (writtenAs === undefined) {
			return bad(length, entry.seq, 'changed', `${capitalise(describe(entry))} was changed after it was written.`);
		}
		if (writtenAs > entry.seq && !knownHashes.has(entry.prevHash)) {
			return bad(
				length,
				entry.seq,
				'missing',
				`An entry before ${describe(entry)} was removed and the entries after it renumbered (this one was written as entry ${writtenAs}).`
			);
		}
		return bad(length, entry.seq, 'reordered', `${capitalise(describe(entry))} is out of order: it was written as entry ${writtenAs}.`);
	}

	return judgeHead(length, previous, previousHash, head);
}

function judgeHead(length: number, last: Entry | undefined, lastHash: string, head: Head | undefined): AuditChainVerdict {
	const headSeq = head?.headSeq ?? 0;
	const headHash = head?.headHash ?? GENESIS_HASH;
	if (headSeq > length) {
		const which = headSeq === length + 1 ? `entry ${headSeq} was` : `entries ${length + 1} to ${headSeq} were`;
		return bad(length, length + 1, 'head_mismatch', `The chain records ${headSeq} entries but ${length} remain: ${which} removed.`);
	}
	if (headSeq < length) {
		return bad(length, headSeq + 1, 'head_mismatch', `Entries after entry ${headSeq} were added without going through the chain's head.`);
	}
	if (headHash !== lastHash) {
		const what = last ? describe(last) : 'the start of the chain';
		return bad(length, length, 'head_mismatch', `The chain's recorded head does not match ${what}.`);
	}
	return { ok: true, length, headHash: lastHash };
}

function findOriginalSeq(entry: Entry, upTo: number): number | undefined {
	for (let seq = 1; seq <= upTo; seq++) {
		if (seq !== entry.seq && hashEvent(entry.prevHash, { ...entry, seq }) === entry.hash) return seq;
	}
	return undefined;
}

function bad(
	length: number,
	seq: number,
	reason: 'changed' | 'missing' | 'reordered' | 'head_mismatch',
	message: string
): AuditChainVerdict {
	return { ok: false, length, firstBad: { seq, reason }, message };
}

/** "entry 4 (revision.saved, 2026-11-23 17:50 UTC)" */
function describe(entry: Entry): string {
	const when = entry.createdAt.toISOString().slice(0, 16).replace('T', ' ');
	return `entry ${entry.seq} (${entry.type}, ${when} UTC)`;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
