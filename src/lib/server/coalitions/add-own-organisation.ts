import { db } from '../db';
import { coalitionMembers } from '../db/schema';
import { AppError } from '../errors';
import { loadOrganisationForOwner } from '../organisations/access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCoalitionForCoordinator } from './access';
import { refuseDuplicateMemberName } from '../organisations/name-skeleton';
import { m } from '$lib/paraglide/messages.js';

/**
 * A coordinator adds an organisation they own to the coalition directly; other
 * organisations are invited by e-mail and accept through one of their owners.
 */
export async function addOwnOrganisation(options: { actor: { id: string }; coalitionId: string; organisationId: string }) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await refuseDuplicateMemberName(options); // IN3: no two members under one name
	await db().transaction(async (tx) => {
		const added = await tx
			.insert(coalitionMembers)
			.values({ coalitionId: options.coalitionId, organisationId: options.organisationId, addedBy: options.actor.id })
			.onConflictDoNothing()
			.returning({ id: coalitionMembers.organisationId });
		if (added.length === 0) throw new AppError('conflict', m.coal_error_already_in_coalition());
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.member_added',
			actorId: options.actor.id,
			data: { organisationId: options.organisationId }
		});
	});
}
