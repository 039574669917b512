import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '../db';
import { signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import type { InvitationKey } from '../invitations/invited-address';
import { hashSecret } from '../crypto';
import { m } from '$lib/paraglide/messages.js';

export async function findSigningInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', m.pub_invitation_link_invalid());
	const where = typeof key === 'string' ? eq(signingInvitations.tokenHash, hashSecret(key)) : and(eq(signingInvitations.id, key.id), isNotNull(signingInvitations.tokenHash));
	const [row] = await db().select().from(signingInvitations).where(where);
	if (!row) throw new AppError('token_invalid', m.pub_invitation_link_invalid_ask_again());
	if (row.acceptedAt || row.organisationId) throw new AppError('token_used', m.pub_invitation_used_open_letter());
	if (row.expiresAt && row.expiresAt < new Date()) throw new AppError('token_expired', m.pub_invitation_expired());
	return row;
}
