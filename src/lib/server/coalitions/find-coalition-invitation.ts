import { eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations, coalitions, users } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';
import { m } from '$lib/paraglide/messages.js';

/** Used, withdrawn and expired invitations each get their own message (AU4). */
export async function findCoalitionInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', m.coal_error_invitation_link_invalid());
	const [row] = await db()
		.select({ invitation: coalitionInvitations, coalitionName: coalitions.name, inviterName: users.name })
		.from(coalitionInvitations)
		.innerJoin(coalitions, eq(coalitions.id, coalitionInvitations.coalitionId))
		.leftJoin(users, eq(users.id, coalitionInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(coalitionInvitations.tokenHash, hashSecret(key)) : eq(coalitionInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', m.coal_error_coalition_invitation_invalid());
	if (row.invitation.acceptedAt) throw new AppError('token_used', m.coal_error_invitation_already_accepted());
	if (row.invitation.revokedAt) throw new AppError('token_invalid', m.coal_error_coalition_invitation_withdrawn());
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', m.coal_error_coalition_invitation_expired());
	}
	return row;
}
