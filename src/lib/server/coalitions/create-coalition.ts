import { db } from '../db';
import { coalitionCoordinators, coalitionMembers, coalitions } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { loadOrganisationForMember } from '../organisations/access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { m } from '$lib/paraglide/messages.js';

/**
 * A user starts a coalition on behalf of one of their organisations (as its owner or
 * signatory): the organisation becomes the first member and the user the first
 * coordinator, with the events on the coalition's audit chain, all in one transaction.
 */
export async function createCoalition(options: {
	actor: { id: string };
	organisationId: string;
	name: string;
	description: string | null;
}): Promise<{ id: string }> {
	const { role } = await loadOrganisationForMember(options.organisationId, options.actor.id);
	if (role === 'member') {
		throw new AppError('forbidden', m.coal_error_start_needs_power());
	}
	const id = generateId();
	await db().transaction(async (tx) => {
		await tx.insert(coalitions).values({ id, name: options.name, description: options.description, createdBy: options.actor.id });
		// Issue 13 point 10: the founding organisation initiated the coalition, so it is an initiator
		// from the start ("initiating organisations first" then means something at once).
		await tx.insert(coalitionMembers).values({ coalitionId: id, organisationId: options.organisationId, addedBy: options.actor.id, initiator: true });
		await tx.insert(coalitionCoordinators).values({ coalitionId: id, userId: options.actor.id, addedBy: options.actor.id });
		await appendAuditEvent(tx, { chainId: id, type: 'coalition.created', actorId: options.actor.id, data: { coalitionId: id } });
		await appendAuditEvent(tx, {
			chainId: id,
			type: 'coalition.member_added',
			actorId: options.actor.id,
			data: { organisationId: options.organisationId }
		});
		await appendAuditEvent(tx, {
			chainId: id,
			type: 'coalition.coordinator_added',
			actorId: options.actor.id,
			data: { userId: options.actor.id }
		});
	});
	return { id };
}
