import { db } from '../db';
import { coalitionCoordinators } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { listActingCoordinatorIds, loadCoalitionForMember, memberUserIds } from './access';
import { m } from '$lib/paraglide/messages.js';

/**
 * Coordinators are chosen among the owners and signatories of the member
 * organisations. Coordinators appoint them; while the coalition has no acting
 * coordinator (SE7: the last one left or was removed), any owner of a member
 * organisation may appoint one, themselves included.
 */
export async function addCoordinator(options: { actor: { id: string }; coalitionId: string; userId: string }) {
	const access = await loadCoalitionForMember(options.coalitionId, options.actor.id);
	if (!access.isCoordinator) {
		const vacant = (await listActingCoordinatorIds(options.coalitionId)).length === 0;
		const isOwner = access.memberRoles.some((member) => member.role === 'owner');
		if (!vacant || !isOwner) throw new AppError('forbidden', m.coal_error_only_coordinators());
	}
	const eligible = await memberUserIds(options.coalitionId, [options.userId]);
	if (!eligible.has(options.userId)) {
		throw new AppError('not_found', m.coal_error_coordinator_must_be_member());
	}
	await db().transaction(async (tx) => {
		// Stale rows of someone who no longer qualified are replaced, not kept as "already".
		const added = await tx
			.insert(coalitionCoordinators)
			.values({ coalitionId: options.coalitionId, userId: options.userId, addedBy: options.actor.id })
			.onConflictDoNothing()
			.returning({ userId: coalitionCoordinators.userId });
		if (added.length === 0) throw new AppError('conflict', m.coal_error_already_coordinator());
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.coordinator_added',
			actorId: options.actor.id,
			data: { userId: options.userId }
		});
	});
}
