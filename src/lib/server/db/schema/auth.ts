import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const time = (name?: string) =>
	(name ? timestamp(name, { withTimezone: true, mode: 'date' }) : timestamp({ withTimezone: true, mode: 'date' }));

export const users = pgTable('users', {
	id: text().primaryKey(),
	/** Stored lower-case; unique. */
	email: text().notNull().unique(),
	emailVerified: boolean().notNull().default(false),
	name: text().notNull(),
	passwordHash: text().notNull(),
	createdAt: time().notNull().defaultNow()
});

/** SE1: the id is the SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: time().notNull(),
		/** When the password was last entered in this session (step-up, AU8). */
		authenticatedAt: time().notNull().defaultNow(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.userId)]
);

/**
 * A pending e-mail confirmation: after sign-up, or for a change of address.
 * The code (typed) and the link token are both stored hashed.
 */
export const emailVerifications = pgTable(
	'email_verifications',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		codeHash: text().notNull(),
		tokenHash: text().notNull().unique(),
		/** Where to go once confirmed (already checked to be a same-origin path). */
		redirectTo: text().notNull().default('/'),
		expiresAt: time().notNull(),
		usedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.userId)]
);

export const passwordResets = pgTable(
	'password_resets',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		tokenHash: text().notNull().unique(),
		expiresAt: time().notNull(),
		usedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.userId)]
);

/** AU2: fixed-window counters kept in the database so they hold across instances. */
export const rateLimits = pgTable('rate_limits', {
	key: text().primaryKey(),
	count: integer().notNull(),
	resetAt: time().notNull()
});
