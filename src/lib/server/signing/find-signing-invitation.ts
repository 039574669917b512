import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '../db';
import { signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';

export async function findSigningInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const where = typeof key === 'string' ? eq(signingInvitations.tokenHash, hashSecret(key)) : and(eq(signingInvitations.id, key.id), isNotNull(signingInvitations.tokenHash));
	const [row] = await db().select().from(signingInvitations).where(where);
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the coordinators to invite you again.');
	if (row.acceptedAt || row.organisationId) throw new AppError('token_used', 'This invitation was already used. Open the letter from your organisation’s account.');
	if (row.expiresAt && row.expiresAt < new Date()) throw new AppError('token_expired', 'This invitation has expired. Ask the coordinators to invite you again.');
	return row;
}
