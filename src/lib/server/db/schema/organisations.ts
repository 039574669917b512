import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

export const organisationRole = pgEnum('organisation_role', ['owner', 'signatory', 'member']);
export type OrganisationRole = (typeof organisationRole.enumValues)[number];

export interface OtherName {
	language: string;
	name: string;
}

export const organisations = pgTable(
	'organisations',
	{
		id: text().primaryKey(),
		displayName: text().notNull(),
		shortName: text(),
		/** ISO 3166-1 alpha-2, upper case. */
		country: text().notNull(),
		city: text(),
		website: text(),
		contactEmail: text(),
		description: text(),
		otherNames: jsonb().$type<OtherName[]>().notNull().default([]),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		/** Set by an owner: whoever signs for the organisation needs a second factor (AU6). */
		requireTwoFactor: boolean().notNull().default(false),
		/**
		 * The website's domain (lower case, punycode) whose control an owner proved, by a
		 * code mailed to an address on it or a token published on it. Cleared when the
		 * website moves to another domain, so the badge never outlives the proof.
		 */
		verifiedDomain: text(),
		domainVerifiedAt: time(),
		domainVerifiedBy: text().references(() => users.id, { onDelete: 'set null' }),
		/** 'email_code' or 'well_known_file'. */
		domainVerificationMethod: text(),
		createdAt: time().notNull().defaultNow(),
		updatedAt: time().notNull().defaultNow()
	},
	(t) => [check('organisations_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`)]
);

export const memberships = pgTable(
	'memberships',
	{
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: organisationRole().notNull(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index().on(t.userId)]
);

export const organisationInvitations = pgTable(
	'organisation_invitations',
	{
		id: text().primaryKey(),
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		role: organisationRole().notNull(),
		tokenHash: text().notNull().unique(),
		invitedBy: text().references(() => users.id, { onDelete: 'set null' }),
		expiresAt: time().notNull(),
		acceptedAt: time(),
		acceptedBy: text().references(() => users.id, { onDelete: 'set null' }),
		revokedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.organisationId)]
);

export const domainChallengeMethod = pgEnum('domain_challenge_method', ['email_code', 'well_known_file']);
export type DomainChallengeMethod = (typeof domainChallengeMethod.enumValues)[number];

/**
 * An owner's attempt to prove control of the organisation's website domain. At most one
 * open challenge per organisation and method: a new one replaces the old.
 *
 * For 'email_code' only the SHA-256 of the mailed code is kept (AU4), with a short
 * expiry and a count of wrong tries. For 'well_known_file' the token is kept as it
 * is: it is meant to be published on the website, so it is no secret, but only the
 * organisation's owners are shown it.
 */
export const domainChallenges = pgTable(
	'domain_challenges',
	{
		id: text().primaryKey(),
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		method: domainChallengeMethod().notNull(),
		domain: text().notNull(),
		/** The address the code went to ('email_code' only). */
		email: text(),
		codeHash: text(),
		token: text(),
		failedAttempts: integer().notNull().default(0),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: time().notNull().defaultNow(),
		expiresAt: time().notNull()
	},
	(t) => [uniqueIndex('domain_challenges_one_per_method').on(t.organisationId, t.method)]
);
