/*
 * Letter-page server cost: `npm run bench` (second part). Publishes a letter with
 * 1,000 signatory organisations and measures, in a warm process, the server-side
 * loads of the public letter page and the signatory list: median time and the
 * number of SQL statements, which must not grow with the number of signatories;
 * the live list of an open letter; and 200 concurrent sign requests (times and
 * statements per request).
 * Prints one `name value unit` per line.
 */
import { it } from 'vitest';
import { resetDatabase, testDatabase } from '../helpers/database';
import { createCoalitionScene, createUser } from '../helpers/factories';
import { db, queryCounter } from '../../src/lib/server/db';
import { coalitionMembers, letters, memberships, organisations, signatures } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';
import { closeSigning } from '../../src/lib/server/signing/close-signing';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { publishLetter } from '../../src/lib/server/publication/publish-letter';
import { getPublishedLetter } from '../../src/lib/server/publication/public-page';
import { getSignatoryList } from '../../src/lib/server/signatory-lists/get-signatory-list';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { pauseOutboxWorker, resumeOutboxWorker } from '../../src/lib/server/mail/outbox-worker';
import { AppError } from '../../src/lib/server/errors';
import { eq } from 'drizzle-orm';

const NAMES = ['Steppe Heritage Circle', 'Нүүдэлчдийн Холбоо', 'モンゴル文化協会', 'انجمن صلح هزاره', 'Khöömei Arts Foundation'];

async function letterWith(count: number, options: { publish?: boolean } = { publish: true }) {
	await resetDatabase();
	const scene = await createCoalitionScene();
	const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
	const signer = await createUser({ name: 'Bench Signer' });
	const orgs = Array.from({ length: count }, (_, i) => ({ id: generateId(), displayName: `${NAMES[i % NAMES.length]} ${i}`, country: ['SE', 'US', 'JP', 'AF', 'DE'][i % 5]! }));
	for (let i = 0; i < orgs.length; i += 500) {
		const chunk = orgs.slice(i, i + 500);
		await db().insert(organisations).values(chunk);
		await db().insert(memberships).values(chunk.map((o) => ({ organisationId: o.id, userId: signer.id, role: 'signatory' as const })));
		await db().insert(coalitionMembers).values(chunk.map((o) => ({ coalitionId: scene.coalitionId, organisationId: o.id })));
		await db().insert(signatures).values(
			chunk.map((o, j) => ({
				id: generateId(),
				letterId: scene.letterId,
				organisationId: o.id,
				signingTextId: letter!.signingTextId!,
				textHash: hash,
				organisationName: o.displayName,
				organisationCountry: o.country,
				signerId: signer.id,
				signerName: 'Bench Signer',
				signerNamePublic: (i + j) % 7 === 0,
				method: 'password',
				signedAt: new Date(Date.now() - (i + j) * 1000)
			}))
		);
	}
	if (!options.publish) {
		await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
		return scene;
	}
	await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
	const session = { id: 'bench', userId: scene.coordinator.id, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() };
	await publishLetter({ actor: scene.coordinator, session, letterId: scene.letterId, letterDate: '2026-11-20', pageSize: 'A4', includeSignatureRecord: false, password: null, clientAddress: 'bench', origin: 'http://bench.invalid' });
	await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
	return scene;
}

async function measure(name: string, run: () => Promise<unknown>, runs = 30): Promise<number> {
	await run();
	const before = queryCounter.count;
	await run();
	const queries = queryCounter.count - before;
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	console.log(`${name}_median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`);
	console.log(`${name}_queries ${queries} queries`);
	return queries;
}

it('letter pages cost a constant number of queries', { timeout: 600_000 }, async () => {
	await testDatabase();
	const counts: Record<number, number[]> = {};
	for (const n of [10, 1000]) {
		const scene = await letterWith(n);
		counts[n] = [
			await measure(`page_public_letter_n${n}`, () => getPublishedLetter({ letterId: scene.letterId, actor: null, language: null })),
			await measure(`page_signatory_list_n${n}`, () => getSignatoryList({ letterId: scene.letterId, actor: null }))
		];
	}
	console.log(`page_queries_constant ${JSON.stringify(counts[10]) === JSON.stringify(counts[1000]) ? 1 : 0} bool`);
	if (JSON.stringify(counts[10]) !== JSON.stringify(counts[1000])) throw new Error(`query counts grow: ${JSON.stringify(counts)}`);
});

it('the live signatory list of an open letter', { timeout: 600_000 }, async () => {
	await testDatabase();
	const scene = await letterWith(1000, { publish: false });
	await measure('page_live_signatory_list_n1000', () => getSignatoryList({ letterId: scene.letterId, actor: null }));
});

/*
 * 200 sign requests at once for 100 organisations (two per organisation: one signs,
 * the other is told "already signed"), each timed from its start; password hashing
 * is left out (the session's step-up is fresh). Against PostgreSQL when
 * TEST_DATABASE_URL is set, where requests really run side by side; PGlite has one
 * connection, so there they take turns.
 *
 * A running server has its connections open, its statements prepared on them and
 * its code compiled; a fresh test process has none of it. So the same burst runs
 * twice, on two letters: the first is reported as `_cold`, the second is the
 * measure (sign_concurrent200_p95).
 */
it('signing in parallel', { timeout: 600_000 }, async () => {
	await testDatabase();
	await resetDatabase();
	await pauseOutboxWorker();
	try {
		await signingBurst('sign_concurrent200_cold');
		await signingBurst('sign_concurrent200');
	} finally {
		resumeOutboxWorker();
	}
});

async function signingBurst(name: string) {
	const scene = await createCoalitionScene();
	const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	const signer = await createUser({ name: 'Bench Signer' });
	const orgs = Array.from({ length: 100 }, (_, i) => ({ id: generateId(), displayName: `${NAMES[i % NAMES.length]} ${i}`, country: 'SE' }));
	await db().insert(organisations).values(orgs);
	await db().insert(memberships).values(orgs.map((o) => ({ organisationId: o.id, userId: signer.id, role: 'signatory' as const })));
	await db().insert(coalitionMembers).values(orgs.map((o) => ({ coalitionId: scene.coalitionId, organisationId: o.id })));
	const session = { id: 'bench', userId: signer.id, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() };
	const attempt = async (organisationId: string) => {
		const start = performance.now();
		const outcome = await signLetter({
			actor: signer,
			session,
			letterId: scene.letterId,
			organisationId,
			textHash: hash,
			signerTitle: null,
			signerNamePublic: false,
			statement: null,
			password: null,
			clientAddress: 'bench',
			origin: 'http://bench.invalid'
		}).then(
			() => 'signed',
			(error: unknown) => (error instanceof AppError && error.code === 'already_signed' ? 'already' : Promise.reject(error))
		);
		return { ms: performance.now() - start, outcome };
	};
	const before = queryCounter.count;
	const cpuBefore = process.cpuUsage();
	const results = await Promise.all([...orgs, ...orgs].map((o) => attempt(o.id)));
	const cpu = process.cpuUsage(cpuBefore);
	const statements = queryCounter.count - before;
	const times = results.map((r) => r.ms).sort((a, b) => a - b);
	console.log(`${name}_p95 ${times[Math.ceil(times.length * 0.95) - 1]!.toFixed(1)} ms`);
	console.log(`${name}_median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`);
	// This process's CPU time for the whole burst: on PostgreSQL the app, not the database, is the busy side.
	console.log(`${name}_app_cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
	// Statements the app sent through drizzle's query builder, BEGIN and COMMIT not counted; half the requests end in "already signed".
	console.log(`${name}_queries_per_request ${(statements / results.length).toFixed(1)} queries`);
	const signed = results.filter((r) => r.outcome === 'signed').length;
	if (signed !== 100) throw new Error(`expected 100 signatures, got ${signed}`);
}
