import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * IG1, IG2: an append-only hash chain per letter (chain id = letter id) and per
 * coalition (chain id = coalition id). hash = SHA-256(previous hash || canonical
 * JSON of the event). A trigger (see the migration) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		chainId: text().notNull(),
		seq: integer().notNull(),
		type: text().notNull(),
		actorId: text(),
		/** Ids and small facts, never names or e-mail addresses (PR3). */
		data: jsonb().$type<Record<string, unknown>>().notNull(),
		createdAt: time().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.chainId, t.seq] }), index().on(t.createdAt)]
);

/** The head of each chain, locked FOR UPDATE while appending so entries never fork. */
export const auditChains = pgTable('audit_chains', {
	chainId: text().primaryKey(),
	headSeq: integer().notNull(),
	headHash: text().notNull()
});
