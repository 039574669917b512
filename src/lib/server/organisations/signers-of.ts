import { and, eq, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { memberships, users } from '../db/schema';

/**
 * The people who can answer for some organisations (their owners and signatories),
 * one row per person and organisation: whom invitations, approval requests and
 * notices are mailed to, with the language each reads mail in (issue 14).
 */
export async function signersOf(organisationIds: string[], executor: Executor = db()) {
	if (organisationIds.length === 0) return [];
	return executor
		.select({ organisationId: memberships.organisationId, email: users.email, locale: users.locale })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(inArray(memberships.organisationId, organisationIds), inArray(memberships.role, ['owner', 'signatory'])));
}
