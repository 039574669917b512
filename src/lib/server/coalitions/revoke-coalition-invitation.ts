import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCoalitionForCoordinator } from './access';
import { m } from '$lib/paraglide/messages.js';

export async function revokeCoalitionInvitation(options: { actor: { id: string }; coalitionId: string; invitationId: string }) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await db().transaction(async (tx) => {
		const revoked = await tx
			.update(coalitionInvitations)
			.set({ revokedAt: new Date() })
			.where(
				and(
					eq(coalitionInvitations.id, options.invitationId),
					eq(coalitionInvitations.coalitionId, options.coalitionId),
					isNull(coalitionInvitations.acceptedAt),
					isNull(coalitionInvitations.revokedAt)
				)
			)
			.returning({ id: coalitionInvitations.id });
		if (revoked.length === 0) throw new AppError('not_found', m.coal_error_invitation_not_waiting());
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.invitation_revoked',
			actorId: options.actor.id,
			data: { invitationId: options.invitationId }
		});
	});
}
