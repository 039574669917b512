import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { coalitions } from './coalitions';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/** The letter's lifecycle is written in letters/lifecycle.ts. */
export const letterState = pgEnum('letter_state', ['draft', 'open', 'closed', 'published']);
export const letterVisibility = pgEnum('letter_visibility', ['coalition', 'public']);
export const signatoryOrdering = pgEnum('signatory_ordering', ['alphabetical', 'signing_time', 'country']);
export const dateFormat = pgEnum('date_format', ['day_month_year', 'ordinal', 'iso', 'letter_language']);

/** The letter's settings; its text lives in revisions, one line of them per language. */
export const letters = pgTable(
	'letters',
	{
		id: text().primaryKey(),
		coalitionId: text()
			.notNull()
			.references(() => coalitions.id, { onDelete: 'cascade' }),
		state: letterState().notNull().default('draft'),
		/** BCP 47 tag of the primary text, e.g. "en", "mn". */
		primaryLanguage: text().notNull(),
		place: text(),
		letterDate: date({ mode: 'string' }),
		dateFormat: dateFormat().notNull().default('day_month_year'),
		visibility: letterVisibility().notNull().default('coalition'),
		ordering: signatoryOrdering().notNull().default('alphabetical'),
		initiatorsFirst: boolean().notNull().default(false),
		/** Issue 13 point 4: signing opens only once every organisation asked approved the current text. */
		approvalsRequired: boolean().notNull().default(false),
		/** The signing text signatures count for (set when opened, renewed on amendment). */
		signingTextId: text(),
		deadlineAt: timestamp({ withTimezone: true, mode: 'date' }),
		/** IANA zone the coordinator gave the deadline in, to show it as they meant it. */
		deadlineTimeZone: text(),
		openedAt: timestamp({ withTimezone: true, mode: 'date' }),
		closedAt: timestamp({ withTimezone: true, mode: 'date' }),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: time().notNull().defaultNow(),
		updatedAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.coalitionId)]
);

/**
 * An immutable save of one language's text. `number` counts per letter and
 * language, and a unique index on it makes a second save on the same head lose the
 * race instead of overwriting.
 */
export const letterRevisions = pgTable(
	'letter_revisions',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		language: text().notNull(),
		number: integer().notNull(),
		/** The revision the writer started from (null for the first). */
		baseRevisionId: text(),
		/** For translations: the primary-language revision it was translated from. */
		sourceRevisionId: text(),
		authorId: text().references(() => users.id, { onDelete: 'set null' }),
		title: text().notNull(),
		addressees: text().notNull(),
		body: text().notNull(),
		closing: text().notNull(),
		/** SHA-256 of the canonical form (see letters/canonical.ts). */
		contentHash: text().notNull(),
		/** Set when the save was merged with changes made meanwhile. */
		mergedRevisionId: text(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('letter_revisions_letter_language_number').on(t.letterId, t.language, t.number),
		check('letter_revisions_number_positive', sql`${t.number} > 0`)
	]
);

export const letterComments = pgTable(
	'letter_comments',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		parentId: text(),
		authorId: text().references(() => users.id, { onDelete: 'set null' }),
		language: text(),
		/** 1-based paragraph of the text the comment is about, if any. */
		paragraph: integer(),
		body: text().notNull(),
		createdAt: time().notNull().defaultNow(),
		editedAt: time(),
		deletedAt: time(),
		resolvedAt: time(),
		resolvedBy: text().references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index().on(t.letterId)]
);

/**
 * When a person last opened a letter's page: the start page counts revisions and
 * comments by others since then. A read marker only (like a mail client's "read"),
 * so the letter page records it on GET; it changes nothing anyone else sees.
 */
export const letterVisits = pgTable(
	'letter_visits',
	{
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		visitedAt: time().notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.letterId] })]
);

/**
 * Issue 13, point 8: what one person typed in the editor and has not saved as a
 * revision yet, one per person, letter and language; seen only by that person and
 * cleared when they save. `baseRevisionId` is the revision they started from, so
 * saving a restored draft merges with what others saved meanwhile.
 */
export const letterDrafts = pgTable(
	'letter_drafts',
	{
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		language: text().notNull(),
		baseRevisionId: text(),
		title: text().notNull(),
		addressees: text().notNull(),
		body: text().notNull(),
		closing: text().notNull(),
		updatedAt: time().notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.letterId, t.language] }), index().on(t.letterId)]
);
