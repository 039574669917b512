import { eq } from 'drizzle-orm';
import { db } from '../db';
import { organisationInvitations, organisations, users } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';

export type OrganisationInvitation = typeof organisationInvitations.$inferSelect;

export interface InvitationView {
	invitation: OrganisationInvitation;
	organisationName: string;
	inviterName: string | null;
}

/** AU4-style checks: unknown, used, revoked and expired invitations each get a clear message. */
export async function findInvitation(key: InvitationKey): Promise<InvitationView> {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const [row] = await db()
		.select({ invitation: organisationInvitations, organisationName: organisations.displayName, inviterName: users.name })
		.from(organisationInvitations)
		.innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
		.leftJoin(users, eq(users.id, organisationInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(organisationInvitations.tokenHash, hashSecret(key)) : eq(organisationInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the organisation to invite you again.');
	if (row.invitation.acceptedAt) throw new AppError('token_used', 'This invitation was already accepted. Sign in to see the organisation.');
	if (row.invitation.revokedAt) throw new AppError('token_invalid', 'This invitation was withdrawn by the organisation.');
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', 'This invitation has expired. Ask the organisation to invite you again.');
	}
	return row;
}
