import { and, eq, inArray, ne } from 'drizzle-orm';
import { db } from '../db';
import { coalitionCoordinators, coalitionMembers, memberships } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { COORDINATOR_ROLES, loadCoalitionForCoordinator } from './access';
import { m } from '$lib/paraglide/messages.js';

/**
 * A coordinator removes a member organisation. Coordinators who belonged to the
 * coalition only through it stop being coordinators; the last member organisation
 * and the last coordinator cannot go.
 */
export async function removeOrganisation(options: { actor: { id: string }; coalitionId: string; organisationId: string }) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await db().transaction(async (tx) => {
		const members = await tx
			.select({ organisationId: coalitionMembers.organisationId })
			.from(coalitionMembers)
			.where(eq(coalitionMembers.coalitionId, options.coalitionId))
			.for('update');
		if (!members.some((member) => member.organisationId === options.organisationId)) {
			throw new AppError('not_found', m.coal_error_not_in_coalition());
		}
		if (members.length === 1) throw new AppError('conflict', m.coal_error_last_member_organisation());
		const coordinators = await tx
			.select({ userId: coalitionCoordinators.userId })
			.from(coalitionCoordinators)
			.where(eq(coalitionCoordinators.coalitionId, options.coalitionId))
			.for('update');
		const stillInCoalition = await tx
			.selectDistinct({ userId: memberships.userId })
			.from(memberships)
			.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
			.where(
				and(
					eq(coalitionMembers.coalitionId, options.coalitionId),
					ne(coalitionMembers.organisationId, options.organisationId),
					inArray(memberships.role, [...COORDINATOR_ROLES])
				)
			);
		const inRemaining = new Set(stillInCoalition.map((r) => r.userId));
		const dropped = coordinators.filter((c) => !inRemaining.has(c.userId)).map((c) => c.userId);
		// The actor is an acting coordinator, so at least one row qualifies today.
		if (dropped.length === coordinators.length) {
			throw new AppError('conflict', m.coal_error_removal_leaves_no_coordinator());
		}
		await tx
			.delete(coalitionMembers)
			.where(and(eq(coalitionMembers.coalitionId, options.coalitionId), eq(coalitionMembers.organisationId, options.organisationId)));
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.member_removed',
			actorId: options.actor.id,
			data: { organisationId: options.organisationId }
		});
		for (const userId of dropped) {
			await tx
				.delete(coalitionCoordinators)
				.where(and(eq(coalitionCoordinators.coalitionId, options.coalitionId), eq(coalitionCoordinators.userId, userId)));
			await appendAuditEvent(tx, {
				chainId: options.coalitionId,
				type: 'coalition.coordinator_removed',
				actorId: options.actor.id,
				data: { userId, reason: 'organisation_removed' }
			});
		}
	});
}
