import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db';
import { memberships, organisationInvitations, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { findInvitation } from './find-invitation';
import { m } from '$lib/paraglide/messages.js';

/**
 * Accepts an invitation for the signed-in account whose confirmed address it was sent
 * to (AU11): single use (a conditional update), and an existing member keeps the
 * higher of the two roles.
 */
export async function acceptInvitation(options: {
	token: InvitationKey;
	actor: { id: string; email: string; emailVerified: boolean };
}): Promise<{ organisationId: string }> {
	const { invitation, organisationName } = await findInvitation(options.token);
	if (!options.actor.emailVerified) throw new AppError('forbidden', m.coal_error_confirm_email_first());
	requireInvitedAccount(invitation.email, options.actor, m.coal_ask_owner_of({ organisation: organisationName }));
	await db().transaction(async (tx) => {
		const taken = await tx
			.update(organisationInvitations)
			.set({ acceptedAt: new Date(), acceptedBy: options.actor.id })
			.where(and(eq(organisationInvitations.id, invitation.id), isNull(organisationInvitations.acceptedAt)))
			.returning({ id: organisationInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', m.coal_error_invitation_already_accepted());
		const [existing] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.organisationId, invitation.organisationId), eq(memberships.userId, options.actor.id)));
		if (!existing) {
			await tx.insert(memberships).values({ organisationId: invitation.organisationId, userId: options.actor.id, role: invitation.role });
		} else if (rank(invitation.role) > rank(existing.role)) {
			await tx
				.update(memberships)
				.set({ role: invitation.role })
				.where(and(eq(memberships.organisationId, invitation.organisationId), eq(memberships.userId, options.actor.id)));
		}
	});
	return { organisationId: invitation.organisationId };
}

function rank(role: OrganisationRole): number {
	return role === 'owner' ? 2 : role === 'signatory' ? 1 : 0;
}
