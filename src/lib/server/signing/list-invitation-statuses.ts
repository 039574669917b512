import { eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { organisations, signatures, signingInvitations } from '../db/schema';

export type InvitationStatus = 'signed' | 'declined' | 'opened' | 'invited' | 'pending';

/** The coordinators' dashboard: each invited organisation (or address) with where it stands. */
export async function listInvitationStatuses(letterId: string) {
	const rows = await db()
		.select({
			id: signingInvitations.id,
			organisationId: signingInvitations.organisationId,
			organisationName: organisations.displayName,
			email: signingInvitations.email,
			createdAt: signingInvitations.createdAt,
			openedAt: signingInvitations.openedAt,
			declinedAt: signingInvitations.declinedAt,
			lastRemindedAt: signingInvitations.lastRemindedAt,
			signed: sql<boolean>`exists (select 1 from ${signatures} s where s.letter_id = ${letterId} and s.organisation_id = "signing_invitations"."organisation_id" and s.status = 'active')`
		})
		.from(signingInvitations)
		.leftJoin(organisations, eq(organisations.id, signingInvitations.organisationId))
		.where(eq(signingInvitations.letterId, letterId))
		.orderBy(organisations.displayName, signingInvitations.email);
	return rows.map((row) => ({
		...row,
		status: (row.signed ? 'signed' : row.declinedAt ? 'declined' : row.openedAt ? 'opened' : row.organisationId ? 'invited' : 'pending') as InvitationStatus
	}));
}
