import { eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations, coalitions, users } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';

/** Used, withdrawn and expired invitations each get their own message (AU4). */
export async function findCoalitionInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const [row] = await db()
		.select({ invitation: coalitionInvitations, coalitionName: coalitions.name, inviterName: users.name })
		.from(coalitionInvitations)
		.innerJoin(coalitions, eq(coalitions.id, coalitionInvitations.coalitionId))
		.leftJoin(users, eq(users.id, coalitionInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(coalitionInvitations.tokenHash, hashSecret(key)) : eq(coalitionInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the coalition to invite you again.');
	if (row.invitation.acceptedAt) throw new AppError('token_used', 'This invitation was already accepted.');
	if (row.invitation.revokedAt) throw new AppError('token_invalid', 'This invitation was withdrawn by the coalition.');
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', 'This invitation has expired. Ask the coalition to invite you again.');
	}
	return row;
}
