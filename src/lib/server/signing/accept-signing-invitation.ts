import { and, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../db';
import { signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { appendAuditEvent } from '../audit/append-audit-event';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { findSigningInvitation } from './find-signing-invitation';
import { m } from '$lib/paraglide/messages.js';

/** A signatory or owner takes an e-mail invitation for one of their organisations (single use), from the account it was sent to (AU11). */
export async function acceptSigningInvitation(options: { token: InvitationKey; actor: { id: string; email: string; emailVerified: boolean }; organisationId: string }) {
	const invitation = await findSigningInvitation(options.token);
	// Member invitations carry no token; every e-mail one names its address.
	requireInvitedAccount(invitation.email ?? '', options.actor, m.pub_the_letters_coordinators());
	await requireMayActForOrganisation({
		userId: options.actor.id,
		organisationId: options.organisationId,
		power: 'sign',
		message: m.pub_only_signatory_may_answer()
	});
	await db().transaction(async (tx) => {
		// If the organisation was already invited another way, that invitation stands.
		await tx
			.delete(signingInvitations)
			.where(and(eq(signingInvitations.letterId, invitation.letterId), eq(signingInvitations.organisationId, options.organisationId), isNull(signingInvitations.tokenHash)));
		const taken = await tx
			.update(signingInvitations)
			.set({ organisationId: options.organisationId, openedAt: sql`coalesce(${signingInvitations.openedAt}, now())` })
			.where(and(eq(signingInvitations.id, invitation.id), isNull(signingInvitations.organisationId)))
			.returning({ id: signingInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', m.pub_invitation_already_used());
		await appendAuditEvent(tx, {
			chainId: invitation.letterId,
			type: 'signing.invitation_accepted',
			actorId: options.actor.id,
			data: { invitationId: invitation.id, organisationId: options.organisationId }
		});
	});
	return { letterId: invitation.letterId };
}
