import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionMembers } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCoalitionForCoordinator } from './access';
import { m } from '$lib/paraglide/messages.js';

/**
 * Coordinators mark a member organisation verified (who and when are recorded) or an
 * initiator of the coalition's letters; both show in signatory lists.
 */
export async function setMemberFlags(options: {
	actor: { id: string };
	coalitionId: string;
	organisationId: string;
	verified?: boolean;
	initiator?: boolean;
}) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await db().transaction(async (tx) => {
		const changes = {
			...(options.verified === undefined ? {} : options.verified ? { verifiedAt: new Date(), verifiedBy: options.actor.id } : { verifiedAt: null, verifiedBy: null }),
			...(options.initiator === undefined ? {} : { initiator: options.initiator })
		};
		const updated = await tx
			.update(coalitionMembers)
			.set(changes)
			.where(and(eq(coalitionMembers.coalitionId, options.coalitionId), eq(coalitionMembers.organisationId, options.organisationId)))
			.returning({ id: coalitionMembers.organisationId });
		if (updated.length === 0) throw new AppError('not_found', m.coal_error_not_in_coalition());
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.member_verified',
			actorId: options.actor.id,
			data: { organisationId: options.organisationId, verified: options.verified ?? null, initiator: options.initiator ?? null }
		});
	});
}
