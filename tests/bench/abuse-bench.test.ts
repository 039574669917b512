/*
 * Abuse bench (`npm run bench`, issue 11 points 4 and 7): prints one
 * `name value unit` per line.
 *
 * - compare_worst_ms: the compare page, served by the production build, for two
 *   ~99,000-character revisions in the worst shapes we know (differing throughout;
 *   the same words shuffled; two repetitive texts out of step).
 * - concurrent_get_during_compare_ms: a `GET /` sent while each comparison runs
 *   (the slowest of them). Target: under 100 ms.
 * - get_alone_ms: the same `GET /` with nothing else running, for reference.
 * - verify_10000_entries_ms: `/verify/<code>` for a published letter whose chain
 *   holds 10,000 entries, warm (median). Target: under 50 ms.
 */
import { it } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetDatabase, testDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { writeLongChain } from '../helpers/long-chain';
import { db } from '../../src/lib/server/db';
import { editions, letterRevisions, letters } from '../../src/lib/server/db/schema';
import { generateId, hashBytes } from '../../src/lib/server/crypto';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { closeSigning } from '../../src/lib/server/signing/close-signing';
import { publishLetter } from '../../src/lib/server/publication/publish-letter';

function differentText(length: number, seed: string): string {
	const paragraphs: string[] = [];
	let size = 0;
	for (let p = 0; size < length; p++) {
		const paragraph = Array.from({ length: 10 }, (_, w) => `${seed}${p}x${w}`).join(' ');
		paragraphs.push(paragraph);
		size += paragraph.length + 2;
	}
	return paragraphs.join('\n\n').slice(0, length);
}

const SHAPES: [string, string, string][] = [
	['differ_throughout', differentText(99_000, 'a'), differentText(99_000, 'b')],
	['shuffled', differentText(99_000, 'a'), differentText(99_000, 'a').split(' ').reverse().join(' ')],
	['out_of_step', 'a b '.repeat(24_700), 'b a '.repeat(24_700)]
];

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
	const start = performance.now();
	const value = await run().catch((error: unknown) => {
		// A kept-alive connection the server closed just then: try once more, timed from the start.
		if (error instanceof TypeError && error.message === 'fetch failed') return run();
		throw error;
	});
	return [performance.now() - start, value];
}

async function compareBench(app: TestApp) {
	await resetDatabase();
	const scene = await createCoalitionScene();
	const client = await signedInClient(app, scene.coordinator.email);
	const visitor = new TestClient(app);
	await visitor.get('/');
	// For reference on a busy machine: the same request with nothing else running.
	const alone: number[] = [];
	for (let i = 0; i < 5; i++) alone.push((await timed(() => visitor.get('/')))[0]);
	console.log(`get_alone_ms ${alone.sort((a, b) => a - b)[2]!.toFixed(1)} ms`);
	let compareWorst = 0;
	let concurrentWorst = 0;
	for (const [shape, before, after] of SHAPES) {
		const ids = [generateId(), generateId()];
		const [base] = await db().select().from(letterRevisions).where(eq(letterRevisions.letterId, scene.letterId));
		if (!base) throw new Error('no revision');
		const { id: _id, number: _n, ...rest } = base;
		for (const [i, body] of [before, after].entries()) {
			await db()
				.insert(letterRevisions)
				.values({ ...rest, id: ids[i]!, number: 100 + i + SHAPES.findIndex((s) => s[0] === shape) * 2, body, contentHash: hashBytes(new TextEncoder().encode(body)) });
		}
		const url = `/letters/${scene.letterId}/compare?from=${ids[0]}&to=${ids[1]}`;
		await client.get(url);
		const compare = timed(() => client.get(url));
		// Let the compare request reach the server before the visitor's.
		await new Promise((resolve) => setImmediate(resolve));
		const [concurrent] = await timed(() => visitor.get('/'));
		const [compareMs, response] = await compare;
		if (response.status !== 200) throw new Error(`compare answered ${response.status}`);
		console.log(`compare_${shape}_ms ${compareMs.toFixed(1)} ms`);
		console.log(`concurrent_get_during_compare_${shape}_ms ${concurrent.toFixed(1)} ms`);
		compareWorst = Math.max(compareWorst, compareMs);
		concurrentWorst = Math.max(concurrentWorst, concurrent);
	}
	console.log(`compare_worst_ms ${compareWorst.toFixed(1)} ms`);
	console.log(`concurrent_get_during_compare_ms ${concurrentWorst.toFixed(1)} ms`);
}

async function verifyBench(app: TestApp) {
	await resetDatabase();
	const scene = await createCoalitionScene();
	await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
	const session = { id: 'bench', userId: scene.coordinator.id, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), createdAt: new Date(), twoFactorPending: false };
	await publishLetter({ actor: scene.coordinator, session, letterId: scene.letterId, letterDate: '2026-11-20', pageSize: 'A4', includeSignatureRecord: false, password: null, clientAddress: 'bench', origin: app.origin });
	await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
	await writeLongChain(scene.letterId, 10_000);
	const [edition] = await db().select().from(editions).where(eq(editions.letterId, scene.letterId));
	if (!edition) throw new Error('no edition');
	const visitor = new TestClient(app);
	const [cold, first] = await timed(() => visitor.get(`/verify/${edition.code}`));
	if (first.status !== 200) throw new Error(`verify answered ${first.status}`);
	const times: number[] = [];
	for (let i = 0; i < 20; i++) times.push((await timed(() => visitor.get(`/verify/${edition.code}`)))[0]);
	times.sort((a, b) => a - b);
	console.log(`verify_10000_entries_first_ms ${cold.toFixed(1)} ms`);
	console.log(`verify_10000_entries_ms ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`);
}

it('bounded work under abuse', { timeout: 600_000 }, async () => {
	await testDatabase();
	const app = await startTestApp();
	await compareBench(app);
	await verifyBench(app);
});
