import { eq } from 'drizzle-orm';
import type { Transaction } from '../db';
import { memberships, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';

/**
 * Locks the organisation's memberships, so two owners demoting each other at once
 * cannot leave it with none, and returns them.
 */
export async function lockMemberships(tx: Transaction, organisationId: string) {
	return tx
		.select({ userId: memberships.userId, role: memberships.role })
		.from(memberships)
		.where(eq(memberships.organisationId, organisationId))
		.for('update');
}

export function ensureAnotherOwner(rows: { userId: string; role: OrganisationRole }[], leavingUserId: string, message: string) {
	const owners = rows.filter((row) => row.role === 'owner' && row.userId !== leavingUserId);
	if (owners.length === 0) throw new AppError('conflict', message);
}
