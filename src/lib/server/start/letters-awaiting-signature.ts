import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, organisations, signatures } from '../db/schema';
import { COORDINATOR_ROLES } from '../coalitions/access';

/** The title of the letter's signing text in its primary language (the text people sign). */
export const signingTitleSql = sql<string>`(select r.title from signing_text_revisions str
	join letter_revisions r on r.id = str.revision_id
	where str.signing_text_id = ${letters.signingTextId} and str.language = ${letters.primaryLanguage})`;

/**
 * Letters open for signatures that one of my organisations may sign (I am its owner
 * or signatory; it is a coalition member, invited, or its sign-on request was
 * approved) and has neither signed nor declined, deadline not passed. One query,
 * whatever the number of letters and organisations.
 */
export async function listLettersAwaitingSignature(userId: string) {
	return db()
		.select({
			letterId: letters.id,
			title: signingTitleSql,
			organisationId: organisations.id,
			organisationName: organisations.displayName,
			deadlineAt: letters.deadlineAt,
			deadlineTimeZone: letters.deadlineTimeZone
		})
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.innerJoin(
			letters,
			and(
				eq(letters.state, 'open'),
				or(isNull(letters.deadlineAt), sql`${letters.deadlineAt} > now()`),
				sql`(exists (select 1 from coalition_members cm where cm.coalition_id = ${letters.coalitionId} and cm.organisation_id = ${memberships.organisationId})
					or exists (select 1 from signing_invitations si where si.letter_id = ${letters.id} and si.organisation_id = ${memberships.organisationId})
					or exists (select 1 from sign_on_requests so where so.letter_id = ${letters.id} and so.organisation_id = ${memberships.organisationId} and so.status = 'approved'))`
			)
		)
		.where(
			and(
				eq(memberships.userId, userId),
				inArray(memberships.role, [...COORDINATOR_ROLES]),
				sql`not exists (select 1 from signatures s where s.letter_id = ${letters.id} and s.organisation_id = ${memberships.organisationId} and s.status = 'active')`,
				sql`not exists (select 1 from signing_invitations si where si.letter_id = ${letters.id} and si.organisation_id = ${memberships.organisationId} and si.declined_at is not null)`
			)
		)
		.orderBy(sql`${letters.deadlineAt} asc nulls last`, organisations.displayName)
		.limit(200);
}

/**
 * Signatures of my organisations (where I may sign) bound to an older signing text of
 * a letter still open: the text was amended and they wait for re-confirmation.
 */
export async function listReconfirmationsRequested(userId: string) {
	return db()
		.select({
			letterId: letters.id,
			title: signingTitleSql,
			signatureId: signatures.id,
			organisationName: organisations.displayName,
			deadlineAt: letters.deadlineAt,
			deadlineTimeZone: letters.deadlineTimeZone
		})
		.from(memberships)
		.innerJoin(signatures, and(eq(signatures.organisationId, memberships.organisationId), eq(signatures.status, 'active')))
		.innerJoin(letters, and(eq(letters.id, signatures.letterId), eq(letters.state, 'open'), sql`${signatures.signingTextId} <> ${letters.signingTextId}`))
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(and(eq(memberships.userId, userId), inArray(memberships.role, [...COORDINATOR_ROLES])))
		.orderBy(sql`${letters.deadlineAt} asc nulls last`, organisations.displayName)
		.limit(200);
}
