import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/app';
import { createCoalitionScene } from '../helpers/factories';
import { writeLongChain } from '../helpers/long-chain';
import { db, queryCounter } from '../../src/lib/server/db';
import { auditEvents, letters, rateLimits } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { REFUSED_LIMITS } from '../../src/lib/server/audit/record-refused-attempt';
import { verifyAuditChainCached } from '../../src/lib/server/audit/verify-audit-chain-cached';
import { appendAuditEvent } from '../../src/lib/server/audit/append-audit-event';
import { AppError } from '../../src/lib/server/errors';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
let hash: string;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
	await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
	({ hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null }));
});

const outsiderSigns = (clientAddress = '203.0.113.5') =>
	signLetter({
		actor: scene.outsider,
		session: { id: 'test', userId: scene.outsider.id, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), createdAt: new Date(), twoFactorPending: false },
		letterId: scene.letterId,
		organisationId: scene.orgB.id,
		textHash: hash,
		signerTitle: null,
		signerNamePublic: false,
		statement: null,
		password: null,
		clientAddress,
		origin: app.origin
	}).then(
		() => 'signed',
		(error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error))
	);

const refusedEntries = () =>
	db()
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.chainId, scene.letterId), eq(auditEvents.type, 'signature.refused')))
		.orderBy(auditEvents.seq);

describe(`floods are bounded (issue 11 point 7, AV5) on ${DATABASE_KIND}`, () => {
	it('300 refused attempts by one outsider leave two audit entries that count them, and 429s', { timeout: 180_000 }, async () => {
		const outcomes: string[] = [];
		for (let i = 0; i < 300; i++) outcomes.push(await outsiderSigns());
		expect(outcomes.slice(0, REFUSED_LIMITS.perPerson.max).every((o) => o === 'forbidden')).toBe(true);
		expect(outcomes.slice(REFUSED_LIMITS.perPerson.max).every((o) => o === 'rate_limited')).toBe(true);
		const entries = await refusedEntries();
		expect(entries.map((e) => e.data.attempts)).toEqual([1, 10]);
		expect(entries[0]?.data).toMatchObject({ organisationId: scene.orgB.id });
	});

	it('keeps counting across windows, writing an entry at the 100th attempt', async () => {
		await outsiderSigns();
		await db()
			.update(rateLimits)
			.set({ count: 98 })
			.where(like(rateLimits.key, 'refused-count:%'));
		await db().delete(rateLimits).where(like(rateLimits.key, 'refused:%'));
		await outsiderSigns();
		expect((await refusedEntries()).map((e) => e.data.attempts)).toEqual([1]);
		await outsiderSigns();
		expect((await refusedEntries()).map((e) => e.data.attempts)).toEqual([1, 100]);
	});

	it('throttles refused attempts per address, across people', async () => {
		const outcomes: string[] = [];
		for (let i = 0; i < REFUSED_LIMITS.perAddress.max + 1; i++) {
			await db().delete(rateLimits).where(like(rateLimits.key, 'refused:%:person:%'));
			outcomes.push(await outsiderSigns('198.51.100.1'));
		}
		expect(outcomes.at(-1)).toBe('rate_limited');
	});
});

describe(`chain verification is kept per head (issue 11 point 7) on ${DATABASE_KIND}`, () => {
	it('verifies a 10,000-entry chain once, then answers from the kept verdict until the head moves', async () => {
		await writeLongChain('long-chain', 10_000);
		const first = await verifyAuditChainCached('long-chain');
		expect(first).toMatchObject({ ok: true, length: 10_000 });
		// The kept verdict costs one lookup of the head, not 10,000 hashes (timed by `npm run bench`).
		const before = queryCounter.count;
		const again = await verifyAuditChainCached('long-chain');
		expect(queryCounter.count - before).toBeLessThanOrEqual(2);
		expect(again).toEqual(first);
		await db().transaction((tx) => appendAuditEvent(tx, { chainId: 'long-chain', type: 'comment.added', actorId: null, data: {} }));
		expect(await verifyAuditChainCached('long-chain')).toMatchObject({ ok: true, length: 10_001 });
	});
});
