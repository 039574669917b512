import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organisations } from './organisations';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/** A workspace of member organisations and coordinators; letters belong to one. */
export const coalitions = pgTable('coalitions', {
	id: text().primaryKey(),
	name: text().notNull(),
	description: text(),
	createdBy: text().references(() => users.id, { onDelete: 'set null' }),
	createdAt: time().notNull().defaultNow(),
	/**
	 * AV6: an instance administrator lifted the sending limits of a new or small
	 * coalition (who and when); null while the limits apply as the settings say.
	 */
	sendingLimitsLiftedAt: time(),
	sendingLimitsLiftedBy: text().references(() => users.id, { onDelete: 'set null' })
});

export const coalitionMembers = pgTable(
	'coalition_members',
	{
		coalitionId: text()
			.notNull()
			.references(() => coalitions.id, { onDelete: 'cascade' }),
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		addedBy: text().references(() => users.id, { onDelete: 'set null' }),
		/** Marked verified by a coordinator: who and when (PRODUCT.md, Organisation). */
		verifiedAt: time(),
		verifiedBy: text().references(() => users.id, { onDelete: 'set null' }),
		/** An initiating organisation: listed first when the letter asks for it. */
		initiator: boolean().notNull().default(false),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.coalitionId, t.organisationId] }), index().on(t.organisationId)]
);

export const coalitionCoordinators = pgTable(
	'coalition_coordinators',
	{
		coalitionId: text()
			.notNull()
			.references(() => coalitions.id, { onDelete: 'cascade' }),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addedBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.coalitionId, t.userId] }), index().on(t.userId)]
);

/** An e-mail invitation for an organisation to join a coalition; accepted by one of its owners. */
export const coalitionInvitations = pgTable(
	'coalition_invitations',
	{
		id: text().primaryKey(),
		coalitionId: text()
			.notNull()
			.references(() => coalitions.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		tokenHash: text().notNull().unique(),
		invitedBy: text().references(() => users.id, { onDelete: 'set null' }),
		expiresAt: time().notNull(),
		acceptedAt: time(),
		acceptedBy: text().references(() => users.id, { onDelete: 'set null' }),
		acceptedOrganisationId: text().references(() => organisations.id, { onDelete: 'set null' }),
		revokedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.coalitionId)]
);
