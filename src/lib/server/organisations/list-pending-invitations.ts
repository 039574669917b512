import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db';
import { organisationInvitations } from '../db/schema';
import { loadOrganisationForOwner } from './access';

/** Pending invitations, for the owners' view. */
export async function listPendingInvitations(options: { actor: { id: string }; organisationId: string }) {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	return db()
		.select({
			id: organisationInvitations.id,
			email: organisationInvitations.email,
			role: organisationInvitations.role,
			expiresAt: organisationInvitations.expiresAt
		})
		.from(organisationInvitations)
		.where(
			and(
				eq(organisationInvitations.organisationId, options.organisationId),
				isNull(organisationInvitations.acceptedAt),
				isNull(organisationInvitations.revokedAt),
				gt(organisationInvitations.expiresAt, new Date())
			)
		)
		.orderBy(asc(organisationInvitations.createdAt));
}
