import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organisations } from './organisations';
import { letterRevisions, letters } from './letters';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * A frozen set of revisions (the primary text and its translations) that signatures
 * bind to. `hash` is SHA-256 over the canonical list of the revisions' content hashes
 * (see signing/signing-text-hash.ts). Amending the text while open makes a new one.
 */
export const signingTexts = pgTable(
	'signing_texts',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		number: integer().notNull(),
		hash: text().notNull(),
		createdBy: text().references(() => users.id, { onDelete: 'set null' }),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [uniqueIndex('signing_texts_letter_number').on(t.letterId, t.number)]
);

export const signingTextRevisions = pgTable(
	'signing_text_revisions',
	{
		signingTextId: text()
			.notNull()
			.references(() => signingTexts.id, { onDelete: 'cascade' }),
		revisionId: text()
			.notNull()
			.references(() => letterRevisions.id),
		language: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.signingTextId, t.language] })]
);

export const invitationStatus = pgEnum('signing_invitation_status', ['pending', 'declined', 'signed']);

/** An organisation asked to sign: a member organisation (no token), or an address invited by e-mail. */
export const signingInvitations = pgTable(
	'signing_invitations',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		organisationId: text().references(() => organisations.id, { onDelete: 'cascade' }),
		email: text(),
		tokenHash: text().unique(),
		invitedBy: text().references(() => users.id, { onDelete: 'set null' }),
		expiresAt: time(),
		openedAt: time(),
		declinedAt: time(),
		acceptedAt: time(),
		lastRemindedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [
		index().on(t.letterId),
		uniqueIndex('signing_invitations_letter_organisation').on(t.letterId, t.organisationId)
	]
);

export const signOnRequestStatus = pgEnum('sign_on_request_status', ['pending', 'approved', 'declined']);

export const signOnRequests = pgTable(
	'sign_on_requests',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		requestedBy: text().references(() => users.id, { onDelete: 'set null' }),
		message: text(),
		status: signOnRequestStatus().notNull().default('pending'),
		decidedBy: text().references(() => users.id, { onDelete: 'set null' }),
		decidedAt: time(),
		createdAt: time().notNull().defaultNow()
	},
	(t) => [uniqueIndex('sign_on_requests_letter_organisation').on(t.letterId, t.organisationId)]
);

export const signatureStatus = pgEnum('signature_status', ['active', 'superseded', 'withdrawn', 'revoked', 'excluded']);

/**
 * An organisation's assent to one signing text. Everything is set by the server at
 * signing time (AZ2). CC1: at most one active signature per organisation per letter,
 * enforced by a partial unique index.
 */
export const signatures = pgTable(
	'signatures',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		organisationId: text()
			.notNull()
			.references(() => organisations.id),
		signingTextId: text()
			.notNull()
			.references(() => signingTexts.id),
		textHash: text().notNull(),
		/** The organisation's name and country as shown at signing time. */
		organisationName: text().notNull(),
		organisationCountry: text().notNull(),
		signerId: text().references(() => users.id, { onDelete: 'set null' }),
		signerName: text().notNull(),
		signerTitle: text(),
		/** PR1: the person's name is shown only if they chose so. */
		signerNamePublic: boolean().notNull().default(false),
		statement: text(),
		/** How the signer re-authenticated: 'password', 'totp' (a code from their app) or 'recovery_code' (at sign-in). */
		method: text().notNull(),
		signedAt: time().notNull(),
		status: signatureStatus().notNull().default('active'),
		endedAt: time(),
		endedBy: text().references(() => users.id, { onDelete: 'set null' }),
		endReason: text(),
		/** Set on the new signature when it re-confirms one on an older signing text. */
		confirmsSignatureId: text()
	},
	(t) => [
		uniqueIndex('signatures_one_active_per_organisation')
			.on(t.letterId, t.organisationId)
			.where(sql`${t.status} = 'active'`),
		index().on(t.organisationId)
	]
);

export const textApprovalStatus = pgEnum('text_approval_status', ['requested', 'approved', 'changes_requested']);

/**
 * Issue 13 point 4: a coordinator asks a drafting organisation to approve the final
 * text before signing opens. `textKey` names the exact text: a hash of every
 * language's newest revision id when the approval was asked. Any later save changes
 * the current key, so the approval no longer counts ("any later edit clears it")
 * without anyone having to find and reset rows; the row stays as history.
 */
export const textApprovals = pgTable(
	'text_approvals',
	{
		id: text().primaryKey(),
		letterId: text()
			.notNull()
			.references(() => letters.id, { onDelete: 'cascade' }),
		organisationId: text()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** The primary language's revision asked about, for people to read ("revision 7"). */
		revisionId: text()
			.notNull()
			.references(() => letterRevisions.id, { onDelete: 'cascade' }),
		textKey: text().notNull(),
		status: textApprovalStatus().notNull().default('requested'),
		requestedBy: text().references(() => users.id, { onDelete: 'set null' }),
		requestedAt: time().notNull().defaultNow(),
		respondedBy: text().references(() => users.id, { onDelete: 'set null' }),
		respondedAt: time(),
		/** What the organisation asks to change (for the coordinators), when it does. */
		note: text()
	},
	(t) => [index().on(t.letterId), uniqueIndex('text_approvals_letter_organisation_text').on(t.letterId, t.organisationId, t.textKey)]
);
