import { boolean, customType, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { letters } from './letters';
import { signingTexts } from './signatures';
import { sealCertificates } from './seals';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/** PDF bytes, kept in the database so every instance serves the same file. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value))
});

export interface EditionSignatory {
	organisationName: string;
	country: string;
	signerName: string | null;
	signerTitle: string | null;
	verified: boolean;
	/** For the live "example.org verified" badge on pages (not in the PDF); absent in editions published before it. */
	organisationId?: string;
}

export interface EditionRecordRow {
	organisationName: string;
	signer: string | null;
	signedAt: string;
	textHashPrefix: string;
	method: string;
}

/** One publication of a letter: its date, what it printed, and a verification code. */
export const editions = pgTable(
	'editions',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		number: integer().notNull(),
		/** Short, unguessable code printed on the PDF and used in its verification URL. */
		code: text().notNull().unique(),
		letterDate: date({ mode: 'string' }).notNull(),
		publishedAt: time().notNull(),
		publishedBy: text().references(() => users.id, { onDelete: 'set null' }),
		signingTextId: text()
			.notNull()
			.references(() => signingTexts.id),
		signingTextHash: text().notNull(),
		/** The audit chain head printed on the PDF (the head before the publication entry). */
		auditHeadHash: text().notNull(),
		signatureCount: integer().notNull(),
		/**
		 * What the edition printed, kept as printed: the ordered list (signer names only
		 * where public, PR1) and the signature record; the public and verification pages
		 * show these, so they never drift from the PDF.
		 */
		signatories: jsonb().$type<EditionSignatory[]>().notNull().default([]),
		signatureRecord: jsonb().$type<EditionRecordRow[]>().notNull().default([]),
		pageSize: text().notNull().default('A4'),
		includesRecord: boolean().notNull().default(false)
	},
	(t) => [uniqueIndex('editions_letter_number').on(t.letterId, t.number)]
);

/** The PDF of one language of an edition; generated once, never changed. */
export const publications = pgTable(
	'publications',
	{
		id: text().primaryKey(),
		editionId: text()
			.notNull()
			.references(() => editions.id, { onDelete: 'cascade' }),
		language: text().notNull(),
		title: text().notNull(),
		sha256: text().notNull(),
		size: integer().notNull(),
		pdf: bytea().notNull(),
		/** The certificate that sealed the PDF (issue 15); null: published unsealed. */
		sealCertificateSha256: text().references(() => sealCertificates.sha256),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [uniqueIndex('publications_edition_language').on(t.editionId, t.language), index().on(t.sha256)]
);

export const recipients = pgTable(
	'recipients',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		title: text(),
		organisation: text(),
		email: text(),
		postalAddress: text(),
		/** Language of the PDF they receive (defaults to the letter's primary language). */
		language: text(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.letterId)]
);

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

/**
 * Durable outbox: a message is written in the same transaction as what caused it,
 * and workers (any number, on any instance) claim due rows with FOR UPDATE SKIP
 * LOCKED, deliver, and record every attempt. A crash delays a message; it never
 * drops or doubles one (the claim is released only by success or by its lease
 * running out, and the SMTP Message-ID stays the same across attempts).
 */
export const outboxMessages = pgTable(
	'outbox_messages',
	{
		id: text().primaryKey(),
		/** What it is for, e.g. 'distribution' or 'published_notice'. */
		kind: text().notNull(),
		letterId: text().references(() => letters.id, { onDelete: 'cascade' }),
		recipientId: text().references(() => recipients.id, { onDelete: 'set null' }),
		editionId: text().references(() => editions.id, { onDelete: 'set null' }),
		toAddress: text().notNull(),
		subject: text().notNull(),
		textBody: text().notNull(),
		htmlBody: text().notNull(),
		/** A publication whose PDF is attached. */
		attachmentPublicationId: text().references(() => publications.id, { onDelete: 'set null' }),
		status: outboxStatus().notNull().default('pending'),
		attempts: integer().notNull().default(0),
		nextAttemptAt: time().notNull().defaultNow(),
		/** While a worker holds the message; an expired lease means the worker died. */
		lockedUntil: time(),
		lastError: text(),
		sentAt: time(),
		/** AV6: the unsubscribe link a distribution message carries in its List-Unsubscribe header. */
		unsubscribeUrl: text(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [index().on(t.status, t.nextAttemptAt), index().on(t.letterId), index().on(t.kind, t.createdAt)]
);

/**
 * AV6: addresses that asked to get no more letters, on the whole instance. Only the
 * SHA-256 of the lower-cased address is kept, so the list names nobody.
 */
export const mailSuppressions = pgTable('mail_suppressions', {
	addressHash: text().primaryKey(),
	/** 'one_click' (a mail provider's RFC 8058 POST) or 'page' (the button on the unsubscribe page). */
	source: text().notNull(),
	createdAt: time().notNull().defaultNow()
});

/**
 * The links in distribution mail that stop further letters: a random token per
 * message, kept as its SHA-256 (like every other token), naming the address by its hash.
 */
export const unsubscribeTokens = pgTable('unsubscribe_tokens', {
	tokenHash: text().primaryKey(),
	addressHash: text().notNull(),
	createdAt: time().notNull().defaultNow()
});

export const deliveryAttempts = pgTable(
	'delivery_attempts',
	{
		id: text().primaryKey(),
		messageId: text()
			.notNull()
			.references(() => outboxMessages.id, { onDelete: 'cascade' }),
		attempt: integer().notNull(),
		startedAt: time().notNull(),
		finishedAt: time(),
		ok: text(),
		error: text()
	},
	(t) => [index().on(t.messageId)]
);
