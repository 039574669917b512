import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
