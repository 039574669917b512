import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '../db';
import { signingInvitations } from '../db/schema';

/** Marks an organisation's invitation as opened the first time one of its people reads the sign page. */
export async function markInvitationOpened(letterId: string, organisationIds: string[]) {
	if (organisationIds.length === 0) return;
	await db()
		.update(signingInvitations)
		.set({ openedAt: new Date() })
		.where(and(eq(signingInvitations.letterId, letterId), inArray(signingInvitations.organisationId, organisationIds), isNull(signingInvitations.openedAt)));
}
