import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations, coalitionMembers } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { loadOrganisationForOwner } from '../organisations/access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { refuseDuplicateMemberName } from '../organisations/name-skeleton';
import { findCoalitionInvitation } from './find-coalition-invitation';
import { m } from '$lib/paraglide/messages.js';

/** An owner accepts on behalf of one of their organisations, from the account the invitation was sent to (AU11). */
export async function acceptCoalitionInvitation(options: {
	token: InvitationKey;
	actor: { id: string; email: string; emailVerified: boolean };
	organisationId: string;
}): Promise<{ coalitionId: string }> {
	const { invitation, coalitionName } = await findCoalitionInvitation(options.token);
	requireInvitedAccount(invitation.email, options.actor, m.coal_ask_coordinators_of({ coalition: coalitionName }));
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await refuseDuplicateMemberName({ coalitionId: invitation.coalitionId, organisationId: options.organisationId }); // IN3
	await db().transaction(async (tx) => {
		const taken = await tx
			.update(coalitionInvitations)
			.set({ acceptedAt: new Date(), acceptedBy: options.actor.id, acceptedOrganisationId: options.organisationId })
			.where(and(eq(coalitionInvitations.id, invitation.id), isNull(coalitionInvitations.acceptedAt)))
			.returning({ id: coalitionInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', m.coal_error_invitation_already_accepted());
		const added = await tx
			.insert(coalitionMembers)
			.values({ coalitionId: invitation.coalitionId, organisationId: options.organisationId, addedBy: options.actor.id })
			.onConflictDoNothing()
			.returning({ id: coalitionMembers.organisationId });
		await appendAuditEvent(tx, {
			chainId: invitation.coalitionId,
			type: 'coalition.invitation_accepted',
			actorId: options.actor.id,
			data: { invitationId: invitation.id, organisationId: options.organisationId }
		});
		if (added.length > 0) {
			await appendAuditEvent(tx, {
				chainId: invitation.coalitionId,
				type: 'coalition.member_added',
				actorId: options.actor.id,
				data: { organisationId: options.organisationId }
			});
		}
	});
	return { coalitionId: invitation.coalitionId };
}
