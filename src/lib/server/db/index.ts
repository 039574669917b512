import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';
import { settings } from '../env';

export type Schema = typeof schema;
/** The one type routes and domain code see, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

/**
 * Counts the statements sent, so the benchmark can show that a page's queries do not
 * grow with its data. Costs one increment per query.
 */
export const queryCounter = { count: 0 };
const logger = { logQuery: () => void queryCounter.count++ };

export interface DatabaseHandle {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

/*
 * The handle lives on globalThis rather than in a module variable so that the test
 * process, which also loads the app through Vite, shares one database with the tests.
 */
const OPENING = Symbol.for('undersigned.database.opening');
const OPEN = Symbol.for('undersigned.database.open');
const slots = globalThis as { [OPENING]?: Promise<DatabaseHandle>; [OPEN]?: DatabaseHandle };

export async function openDatabase(options: {
	databaseUrl?: string;
	dataDir?: string;
	migrationsDir: string;
}): Promise<DatabaseHandle> {
	const handle = options.databaseUrl
		? await openPostgres(options.databaseUrl)
		: await openPglite(options.dataDir);
	await migrateDatabase(handle, options.migrationsDir);
	return handle;
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, { max: 10, onnotice: () => {} });
	const db = drizzle(client, { schema, casing: 'snake_case', logger }) as unknown as Database;
	return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
	const client = dataDir ? new PGlite(dataDir) : new PGlite();
	await client.waitReady;
	const db = drizzle(client, { schema, casing: 'snake_case', logger }) as unknown as Database;
	return { db, kind: 'pglite', close: () => client.close() };
}

async function migrateDatabase(handle: DatabaseHandle, migrationsFolder: string) {
	if (handle.kind === 'postgres') {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		await migrate(handle.db as any, { migrationsFolder });
	} else {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		await migrate(handle.db as any, { migrationsFolder });
	}
}

/** Opens the configured database once per process (PGlite under DATA_DIR/pglite without DATABASE_URL). */
export function startDatabase(): Promise<DatabaseHandle> {
	slots[OPENING] ??= (async () => {
		const s = settings();
		const handle = await openDatabase({
			databaseUrl: s.databaseUrl,
			dataDir: path.join(s.dataDir, 'pglite'),
			migrationsDir: s.migrationsDir
		});
		slots[OPEN] = handle;
		return handle;
	})();
	return slots[OPENING];
}

/** Tests hand the app a database they prepared. */
export function useDatabase(handle: DatabaseHandle) {
	slots[OPENING] = Promise.resolve(handle);
	slots[OPEN] = handle;
}

/**
 * Closes the database opened by startDatabase (clean stop): PGlite flushes and stops
 * its timers, postgres.js ends its pool after at most 5 s of running queries.
 */
export async function closeDatabase(): Promise<void> {
	const handle = slots[OPEN] ?? (slots[OPENING] ? await slots[OPENING].catch(() => undefined) : undefined);
	delete slots[OPEN];
	delete slots[OPENING];
	await handle?.close();
}

/** The open database; the server's init hook has awaited startDatabase() before any request. */
export function db(): Database {
	const handle = slots[OPEN];
	if (!handle) throw new Error('The database is not open yet: await startDatabase() first');
	return handle.db;
}
