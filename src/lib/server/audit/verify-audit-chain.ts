import { asc, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { db, type Executor } from '../db';
import { auditChains, auditEvents } from '../db/schema';
import { GENESIS_HASH, hashEvent } from './audit-event';
import { m } from '$lib/paraglide/messages.js';

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
			const message = previous
				? m.letter_chain_missing_between({ seq: expectedSeq, previous: previous.seq, entry: describe(entry) })
				: m.letter_chain_missing_first({ seq: expectedSeq, entry: describe(entry) });
			return bad(length, expectedSeq, 'missing', message);
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
				return bad(length, entry.seq, 'reordered', capitalise(m.letter_chain_written_after_other({ entry: describe(entry) })));
			}
			return bad(
				length,
				entry.seq,
				'missing',
				capitalise(m.letter_chain_no_longer_follows({ entry: describe(entry), previous: entry.seq - 1 }))
			);
		}
		// The seq is part of the hash: an entry moved to another seq hashes right only with its old one.
		const writtenAs = findOriginalSeq(entry, entries.length + (head?.headSeq ?? 0) + 1);
		if (writtenAs === undefined) {
			return bad(length, entry.seq, 'changed', capitalise(m.letter_chain_changed({ entry: describe(entry) })));
		}
		if (writtenAs > entry.seq && !knownHashes.has(entry.prevHash)) {
			return bad(
				length,
				entry.seq,
				'missing',
				m.letter_chain_renumbered({ entry: describe(entry), writtenAs })
			);
		}
		return bad(length, entry.seq, 'reordered', capitalise(m.letter_chain_written_as({ entry: describe(entry), writtenAs })));
	}

	return judgeHead(length, previous, previousHash, head);
}

function judgeHead(length: number, last: Entry | undefined, lastHash: string, head: Head | undefined): AuditChainVerdict {
	const headSeq = head?.headSeq ?? 0;
	const headHash = head?.headHash ?? GENESIS_HASH;
	if (headSeq > length) {
		const message =
			headSeq === length + 1
				? m.letter_chain_last_removed({ recorded: headSeq, remaining: length, seq: headSeq })
				: m.letter_chain_last_ones_removed({ recorded: headSeq, remaining: length, from: length + 1, to: headSeq });
		return bad(length, length + 1, 'head_mismatch', message);
	}
	if (headSeq < length) {
		return bad(length, headSeq + 1, 'head_mismatch', m.letter_chain_added_past_head({ seq: headSeq }));
	}
	if (headHash !== lastHash) {
		const what = last ? describe(last) : m.letter_chain_start();
		return bad(length, length, 'head_mismatch', m.letter_chain_head_mismatch({ what }));
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
	return m.letter_chain_entry({ seq: entry.seq, type: entry.type, time: when });
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
