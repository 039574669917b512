import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionCoordinators } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { listActingCoordinatorIds, loadCoalitionForCoordinator } from './access';
import { m } from '$lib/paraglide/messages.js';

export async function removeCoordinator(options: { actor: { id: string }; coalitionId: string; userId: string }) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await db().transaction(async (tx) => {
		const rows = await tx
			.select({ userId: coalitionCoordinators.userId })
			.from(coalitionCoordinators)
			.where(eq(coalitionCoordinators.coalitionId, options.coalitionId))
			.for('update');
		if (!rows.some((r) => r.userId === options.userId)) throw new AppError('not_found', m.coal_error_not_coordinator());
		const acting = await listActingCoordinatorIds(options.coalitionId, tx);
		if (acting.every((id) => id === options.userId)) throw new AppError('conflict', m.coal_error_last_coordinator());
		await tx
			.delete(coalitionCoordinators)
			.where(and(eq(coalitionCoordinators.coalitionId, options.coalitionId), eq(coalitionCoordinators.userId, options.userId)));
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.coordinator_removed',
			actorId: options.actor.id,
			data: { userId: options.userId }
		});
	});
}
