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
	createdAt: time().notNull().defaultNow(),
	/** Issue 14: the interface language the person chose (src/lib/i18n/locales.ts); null until they choose. */
	locale: text()
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
		/** How the person last proved it was them (sign-in or step-up): 'password', 'totp' or 'recovery_code'; recorded on signatures. */
		authenticatedWith: text().notNull().default('password'),
		/** AU6: the password was right but the second factor is still to come; such a session signs nobody in. */
		twoFactorPending: boolean().notNull().default(false),
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

/**
 * AU6: a TOTP key (RFC 6238, 30 s, 6 digits). `key` is AES-256-GCM encrypted when
 * TOTP_ENCRYPTION_KEY is set (see auth/totp-key.ts). `confirmedAt` is null while
 * enrolling; `lastUsedStep` is the time step of the last code accepted, so a code
 * works once (AU7).
 */
export const totpCredentials = pgTable('totp_credentials', {
	userId: text()
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	key: text().notNull(),
	confirmedAt: time(),
	lastUsedStep: integer(),
	createdAt: time().notNull().defaultNow()
});

/** AU6: ten per enrolment, SHA-256 hashed (80-bit random codes need no slow hash), each usable once. */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text().notNull().unique(),
		usedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.userId)]
);
