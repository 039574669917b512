import { eq } from 'drizzle-orm';
import { db } from '../db';
import { organisationInvitations, organisations, users } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';
import { m } from '$lib/paraglide/messages.js';

export type OrganisationInvitation = typeof organisationInvitations.$inferSelect;

export interface InvitationView {
	invitation: OrganisationInvitation;
	organisationName: string;
	inviterName: string | null;
}

/** AU4-style checks: unknown, used, revoked and expired invitations each get a clear message. */
export async function findInvitation(key: InvitationKey): Promise<InvitationView> {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', m.coal_error_invitation_link_invalid());
	const [row] = await db()
		.select({ invitation: organisationInvitations, organisationName: organisations.displayName, inviterName: users.name })
		.from(organisationInvitations)
		.innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
		.leftJoin(users, eq(users.id, organisationInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(organisationInvitations.tokenHash, hashSecret(key)) : eq(organisationInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', m.coal_error_org_invitation_invalid());
	if (row.invitation.acceptedAt) throw new AppError('token_used', m.coal_error_org_invitation_accepted());
	if (row.invitation.revokedAt) throw new AppError('token_invalid', m.coal_error_org_invitation_withdrawn());
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', m.coal_error_org_invitation_expired());
	}
	return row;
}
