import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase, testDatabase } from '../helpers/database';
import { db } from '../../src/lib/server/db';
import { auditChains, auditEvents } from '../../src/lib/server/db/schema';
import { appendAuditEvent } from '../../src/lib/server/audit/append-audit-event';
import { GENESIS_HASH, type AuditEventType } from '../../src/lib/server/audit/audit-event';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { listAuditEvents } from '../../src/lib/server/audit/list-audit-events';
import { runCommand } from '../../src/lib/server/commands/run-command';

beforeEach(async () => {
	await testDatabase();
	await resetDatabase();
});

afterEach(() => {
	vi.useRealTimers();
});

const CHAIN = 'letter-1';
const TYPES: AuditEventType[] = ['letter.created', 'revision.saved', 'comment.added', 'revision.saved', 'comment.resolved'];

/** Writes one entry per type, each in its own transaction as the domain code does. */
async function appendEntries(chainId = CHAIN, types = TYPES) {
	const results = [];
	for (const [i, type] of types.entries()) {
		results.push(await db().transaction((tx) => appendAuditEvent(tx, { chainId, type, actorId: 'user-1', data: { n: i + 1, revisionId: `rev-${i + 1}` } })));
	}
	return results;
}

/**
 * Runs `change` with the append-only trigger switched off, as someone with control of
 * the database could; the application itself cannot (see the trigger test).
 */
async function tamper(change: () => Promise<unknown>) {
	await db().execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
	try {
		await change();
	} finally {
		await db().execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
	}
}

const entry = (seq: number) => and(eq(auditEvents.chainId, CHAIN), eq(auditEvents.seq, seq));

/** The whole error chain's messages: Drizzle wraps the driver's error. */
function messages(error: unknown): string {
	const parts: string[] = [];
	for (let current = error; current instanceof Error; current = current.cause) parts.push(current.message);
	return parts.join(' | ');
}

describe(`audit chain (${DATABASE_KIND})`, () => {
	it('IG1: appended entries form a chain that verifies, with the head at the last entry', async () => {
		const results = await appendEntries();
		expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toEqual({ ok: true, length: 5, headHash: results[4]!.hash });
		const [head] = await db().select().from(auditChains).where(eq(auditChains.chainId, CHAIN));
		expect(head).toEqual({ chainId: CHAIN, headSeq: 5, headHash: results[4]!.hash });
	});

	it('IG2: an outside verifier recomputes every hash with SHA-256 and RFC 8785 JSON', async () => {
		await appendEntries();
		const rows = await db().select().from(auditEvents).where(eq(auditEvents.chainId, CHAIN)).orderBy(auditEvents.seq);

		let previous = '0'.repeat(64);
		for (const row of rows) {
			const json = canonicalize({
				chainId: row.chainId,
				seq: row.seq,
				type: row.type,
				actorId: row.actorId,
				data: row.data,
				createdAt: row.createdAt.toISOString()
			});
			expect(row.prevHash).toBe(previous);
			expect(row.hash).toBe(createHash('sha256').update(previous + json, 'utf8').digest('hex'));
			expect(row.createdAt.toISOString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			previous = row.hash;
		}
		expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict.ok && verdict.headHash).toBe(previous);
	});

	it('IG2: the hash covers the data exactly as stored (Dates, undefined and non-ASCII text)', async () => {
		await db().transaction((tx) =>
			appendAuditEvent(tx, {
				chainId: CHAIN,
				type: 'letter.updated',
				actorId: null,
				data: { place: 'کابل', date: new Date(Date.UTC(2026, 10, 23)), dropped: undefined, nested: { b: 1.5, a: [1, 'x'] } }
			})
		);
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: true, length: 1 });
		const [row] = await db().select().from(auditEvents).where(entry(1));
		expect(row!.data).toEqual({ place: 'کابل', date: '2026-11-23T00:00:00.000Z', nested: { b: 1.5, a: [1, 'x'] } });
	});

	it('IG1: the application cannot change or remove an entry (the trigger refuses)', async () => {
		await appendEntries();
		const update = await db()
			.update(auditEvents)
			.set({ data: { n: 99 } })
			.where(entry(2))
			.catch((e: unknown) => e);
		expect(messages(update)).toMatch(/audit_events is append-only: UPDATE refused/);
		const remove = await db()
			.delete(auditEvents)
			.where(entry(2))
			.catch((e: unknown) => e);
		expect(messages(remove)).toMatch(/audit_events is append-only: DELETE refused/);

		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: true, length: 5 });
	});

	it('IG1: an entry whose data was changed is named as changed', async () => {
		await appendEntries();
		await tamper(() => db().update(auditEvents).set({ data: { n: 3, revisionId: 'rev-forged' } }).where(entry(3)));

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, length: 5, firstBad: { seq: 3, reason: 'changed' } });
		expect(!verdict.ok && verdict.message).toMatch(/^Entry 3 \(comment\.added, \d{4}-\d\d-\d\d \d\d:\d\d UTC\) was changed after it was written\.$/);
	});

	it('IG1: an entry whose time or hash was rewritten is named as changed', async () => {
		await appendEntries();
		await tamper(() => db().update(auditEvents).set({ createdAt: new Date(Date.UTC(2020, 0, 1)) }).where(entry(2)));
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'changed' } });
		await tamper(() => db().update(auditEvents).set({ hash: 'f'.repeat(64) }).where(entry(1)));
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: false, firstBad: { seq: 1, reason: 'changed' } });
	});

	it('IG1: a removed middle entry is named as missing', async () => {
		await appendEntries();
		await tamper(() => db().delete(auditEvents).where(entry(3)));

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, length: 4, firstBad: { seq: 3, reason: 'missing' } });
		expect(!verdict.ok && verdict.message).toMatch(/^Entry 3 is missing: the chain goes from entry 2 to entry 4 \(revision\.saved, .+ UTC\)\.$/);
	});

	it('IG1: a removed first entry is named as missing', async () => {
		await appendEntries();
		await tamper(() => db().delete(auditEvents).where(entry(1)));
		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, firstBad: { seq: 1, reason: 'missing' } });
		expect(!verdict.ok && verdict.message).toMatch(/^Entry 1 is missing: the chain starts at entry 2 \(revision\.saved, /);
	});

	it('IG1: a removed entry is found even when the later entries were renumbered to close the gap', async () => {
		await appendEntries();
		await tamper(async () => {
			await db().delete(auditEvents).where(entry(2));
			for (const seq of [3, 4, 5]) await db().update(auditEvents).set({ seq: seq - 1 }).where(entry(seq));
			await db().update(auditChains).set({ headSeq: 4 }).where(eq(auditChains.chainId, CHAIN));
		});

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, length: 4, firstBad: { seq: 2, reason: 'missing' } });
		expect(!verdict.ok && verdict.message).toMatch(/written as entry 3/);
	});

	it('IG1: removing the last entry leaves the recorded head pointing past the end', async () => {
		await appendEntries();
		await tamper(() => db().delete(auditEvents).where(entry(5)));

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, length: 4, firstBad: { seq: 5, reason: 'head_mismatch' } });
		expect(!verdict.ok && verdict.message).toBe('The chain records 5 entries but 4 remain: entry 5 was removed.');
	});

	it('IG1: two entries whose seq were swapped are named as reordered, the earlier first', async () => {
		await appendEntries();
		await tamper(async () => {
			// Three steps: the primary key is checked row by row.
			await db().update(auditEvents).set({ seq: -1 }).where(entry(2));
			await db().update(auditEvents).set({ seq: 2 }).where(entry(4));
			await db().update(auditEvents).set({ seq: 4 }).where(entry(-1));
		});

		const verdict = await verifyAuditChain(CHAIN);
		expect(verdict).toMatchObject({ ok: false, length: 5, firstBad: { seq: 2, reason: 'reordered' } });
		expect(!verdict.ok && verdict.message).toMatch(/^Entry 2 \(revision\.saved, .+ UTC\) is out of order: it was written as entry 4\.$/);
	});

	it('IG1: neighbours swapped are named as reordered too', async () => {
		await appendEntries();
		await tamper(async () => {
			await db().update(auditEvents).set({ seq: -1 }).where(entry(3));
			await db().update(auditEvents).set({ seq: 3 }).where(entry(4));
			await db().update(auditEvents).set({ seq: 4 }).where(entry(-1));
		});
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'reordered' } });
	});

	it('IG1: a forged entry added without the head is detected', async () => {
		const results = await appendEntries();
		await db()
			.insert(auditEvents)
			.values({ chainId: CHAIN, seq: 6, type: 'comment.added', actorId: null, data: {}, createdAt: new Date(), prevHash: results[4]!.hash, hash: '0'.repeat(64) });
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: false, firstBad: { seq: 6, reason: 'changed' } });
	});

	it('CC4: thirty parallel appends to one chain get seq 1 to 30, no gaps, no duplicates, and verify', async () => {
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				db().transaction((tx) => appendAuditEvent(tx, { chainId: 'busy', type: 'comment.added', actorId: null, data: { commentId: `c${i}` } }))
			)
		);
		expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
		expect(await verifyAuditChain('busy')).toMatchObject({ ok: true, length: 30 });
	});

	it('CC4: an action that fails after appending leaves no entry and the head unchanged', async () => {
		const [first] = await appendEntries(CHAIN, ['letter.created']);
		const failure = new Error('the action failed after its audit entry');
		await expect(
			db().transaction(async (tx) => {
				await appendAuditEvent(tx, { chainId: CHAIN, type: 'letter.updated', actorId: 'user-1', data: {} });
				throw failure;
			})
		).rejects.toBe(failure);

		const rows = await db().select().from(auditEvents).where(eq(auditEvents.chainId, CHAIN));
		expect(rows).toHaveLength(1);
		const [head] = await db().select().from(auditChains).where(eq(auditChains.chainId, CHAIN));
		expect(head).toEqual({ chainId: CHAIN, headSeq: 1, headHash: first!.hash });
		expect(await verifyAuditChain(CHAIN)).toEqual({ ok: true, length: 1, headHash: first!.hash });
	});

	it('CC4: a failed first append does not start the chain', async () => {
		await expect(
			db().transaction(async (tx) => {
				await appendAuditEvent(tx, { chainId: 'new', type: 'letter.created', actorId: null, data: {} });
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(await db().select().from(auditChains).where(eq(auditChains.chainId, 'new'))).toEqual([]);
		expect(await verifyAuditChain('new')).toEqual({ ok: true, length: 0, headHash: GENESIS_HASH });
	});

	it('CC4: an entry sent with the COMMIT (auditWithCommit) lands with the command, in order, thirty at once', async () => {
		await appendEntries(CHAIN, ['letter.created']);
		const seqs = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				runCommand(async (ctx) => {
					await ctx.tx.insert(auditChains).values({ chainId: `side-${i}`, headSeq: 0, headHash: GENESIS_HASH });
					ctx.auditWithCommit({ chainId: CHAIN, type: 'comment.added', actorId: null, data: { commentId: `c${i}` } });
					return i;
				})
			)
		);
		expect(seqs).toHaveLength(30);
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: true, length: 31 });
		expect(await db().select().from(auditChains).where(sql`${auditChains.chainId} like 'side-%'`)).toHaveLength(30);
	});

	it('CC4: an entry sent with the COMMIT on a chain without a head fails the command, and nothing it wrote stays', async () => {
		const attempt = runCommand(async (ctx) => {
			await ctx.tx.insert(auditChains).values({ chainId: 'written-by-the-command', headSeq: 0, headHash: GENESIS_HASH });
			ctx.auditWithCommit({ chainId: 'no-such-chain', type: 'comment.added', actorId: null, data: {} });
			return 'reported as done';
		});
		await expect(attempt).rejects.toThrow();
		expect(await db().select().from(auditChains).where(eq(auditChains.chainId, 'written-by-the-command'))).toEqual([]);
		expect(await db().select().from(auditEvents).where(eq(auditEvents.chainId, 'no-such-chain'))).toEqual([]);
	});

	it('CC4: a body that fails after auditWithCommit leaves no entry', async () => {
		await appendEntries(CHAIN, ['letter.created']);
		const failure = new Error('the action failed after its audit entry');
		await expect(
			runCommand(async (ctx) => {
				ctx.auditWithCommit({ chainId: CHAIN, type: 'letter.updated', actorId: null, data: {} });
				throw failure;
			})
		).rejects.toBe(failure);
		expect(await verifyAuditChain(CHAIN)).toMatchObject({ ok: true, length: 1 });
	});

	it('verifies through an open transaction as well', async () => {
		await appendEntries();
		const verdict = await db().transaction((tx) => verifyAuditChain(CHAIN, tx));
		expect(verdict).toMatchObject({ ok: true, length: 5 });
	});

	it("lists a letter's timeline merged with its coalition's, by time then chain then seq", async () => {
		// Only Date is faked, so each step gets its own server time and the drivers' timers still run.
		vi.useFakeTimers({ toFake: ['Date'] });
		const at = (minute: number) => vi.setSystemTime(new Date(Date.UTC(2026, 10, 23, 17, minute)));
		at(1);
		await appendEntries('coalition-1', ['coalition.created', 'coalition.member_added']);
		at(2);
		await appendEntries('letter-1', ['letter.created', 'revision.saved']);
		at(3);
		await appendEntries('coalition-1', ['coalition.invitation_sent']);
		await appendEntries('other', ['letter.created']);

		const events = await listAuditEvents(['letter-1', 'coalition-1']);
		const order = events.map((e) => `${e.chainId}#${e.seq}`);
		expect(order).toEqual(['coalition-1#1', 'coalition-1#2', 'letter-1#1', 'letter-1#2', 'coalition-1#3']);
		expect(await listAuditEvents([])).toEqual([]);
	});

	it('orders entries written in the same millisecond by chain, then seq', async () => {
		const at = new Date(Date.UTC(2026, 10, 23, 17, 50));
		const row = (chainId: string, seq: number) => ({ chainId, seq, type: 'comment.added', actorId: null, data: {}, createdAt: at, prevHash: '', hash: '' });
		await db().insert(auditEvents).values([row('b', 2), row('b', 1), row('a', 1)]);
		const events = await listAuditEvents(['a', 'b']);
		expect(events.map((e) => `${e.chainId}#${e.seq}`)).toEqual(['a#1', 'b#1', 'b#2']);
	});
});
