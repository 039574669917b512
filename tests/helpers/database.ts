import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, useDatabase, type DatabaseHandle } from '../../src/lib/server/db';

const MIGRATIONS = path.resolve('drizzle');
const KEY = Symbol.for('undersigned.test.database');
const slots = globalThis as { [KEY]?: Promise<DatabaseHandle> };

/** Which database the suite runs on, for test names. */
export const DATABASE_KIND = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * One database per worker process, shared by its test files (a PGlite costs ~2.5 s
 * to start): in-memory PGlite, or with TEST_DATABASE_URL a database of its own on
 * that server, named after the run and the worker.
 */
export function testDatabase(): Promise<DatabaseHandle> {
	slots[KEY] ??= (async () => {
		const url = process.env.TEST_DATABASE_URL;
		let handle: DatabaseHandle;
		if (url) {
			const run = process.env.UNDERSIGNED_TEST_RUN ?? `adhoc${Date.now().toString(36)}`;
			const name = `us_test_${run}_${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}`.toLowerCase();
			const admin = postgres(url, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database "${name}"`);
			await admin.end();
			const own = new URL(url);
			own.pathname = `/${name}`;
			handle = await openDatabase({ databaseUrl: own.href, migrationsDir: MIGRATIONS });
		} else {
			handle = await openDatabase({ migrationsDir: MIGRATIONS });
		}
		useDatabase(handle);
		return handle;
	})();
	return slots[KEY];
}

/** Empties every table, so each test starts from nothing. */
export async function resetDatabase(): Promise<void> {
	const { db } = await testDatabase();
	const result = await db.execute<{ tablename: string }>(
		sql`select tablename from pg_tables where schemaname = 'public'`
	);
	const rows = (Array.isArray(result) ? result : (result as { rows: { tablename: string }[] }).rows) as { tablename: string }[];
	if (rows.length === 0) return;
	const list = rows.map((r) => `"${r.tablename}"`).join(', ');
	// The outbox worker may still be delivering the previous test's mail; on PostgreSQL
	// its row locks and this truncate can deadlock (40P01), and the database then
	// cancels one of them: try again, the worker's turn being over.
	for (let attempt = 1; ; attempt++) {
		try {
			await db.execute(sql.raw(`truncate ${list} restart identity cascade`));
			return;
		} catch (error) {
			if (attempt >= 5 || !isDeadlock(error)) throw error;
		}
	}
}

function isDeadlock(error: unknown): boolean {
	for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if ((current as { code?: unknown }).code === '40P01') return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}
