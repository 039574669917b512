import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db';
import { organisationInvitations } from '../db/schema';
import { loadOrganisationForOwner } from './access';

export async function revokeInvitation(options: { actor: { id: string }; organisationId: string; invitationId: string }) {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await db()
		.update(organisationInvitations)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(organisationInvitations.id, options.invitationId),
				eq(organisationInvitations.organisationId, options.organisationId),
				isNull(organisationInvitations.acceptedAt)
			)
		);
}
