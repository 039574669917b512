import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from '../db';

/*
 * Issue #9 point 8. Drizzle sends every query that was not made with `.prepare()` as
 * an unnamed statement, and postgres.js then spends two round trips on it (Parse and
 * Describe to learn the parameter types, then Bind and Execute) while PostgreSQL
 * parses and plans it again each time. Hot paths (signing) send their statements
 * named instead: one round trip after a connection's first use, parsed once per
 * connection, and the SQL text and its parameter list are built once per process.
 * Drizzle's own `.prepare()` binds a statement to one session, and a transaction is a
 * session of its own, so the built query is kept here and handed to whichever
 * executor runs it.
 */

type Values = Record<string, unknown>;

export interface PreparedStatement<Row> {
	run(executor: Executor, values: Values): Promise<Row[]>;
}

/**
 * A statement written once with `sql.placeholder('name')` for each value. Rows come
 * back as the driver gives them (no column mapping): name columns in camelCase with
 * `as "name"`, and send timestamps as ISO strings cast in SQL (`::timestamptz`).
 * On PGlite the name changes nothing.
 */
export function preparedStatement<Row>(name: string, query: SQL): PreparedStatement<Row> {
	let built: ReturnType<PgDialect['sqlToQuery']> | undefined;
	return {
		async run(executor, values) {
			built ??= new PgDialect().sqlToQuery(query);
			const result: unknown = await executor._.session.prepareQuery(built, undefined, name, false).execute(values);
			// postgres.js hands back an array of rows, PGlite `{ rows }`.
			return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
		}
	};
}
