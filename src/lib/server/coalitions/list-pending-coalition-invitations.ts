import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations } from '../db/schema';

export async function listPendingCoalitionInvitations(coalitionId: string) {
	return db()
		.select({ id: coalitionInvitations.id, email: coalitionInvitations.email, expiresAt: coalitionInvitations.expiresAt })
		.from(coalitionInvitations)
		.where(
			and(
				eq(coalitionInvitations.coalitionId, coalitionId),
				isNull(coalitionInvitations.acceptedAt),
				isNull(coalitionInvitations.revokedAt),
				gt(coalitionInvitations.expiresAt, new Date())
			)
		)
		.orderBy(asc(coalitionInvitations.createdAt));
}
