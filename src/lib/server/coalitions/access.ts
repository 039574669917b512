import { and, eq, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { coalitionCoordinators, coalitionMembers, coalitions, memberships, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';

export type Coalition = typeof coalitions.$inferSelect;

export interface CoalitionAccess {
	coalition: Coalition;
	isCoordinator: boolean;
	/** The actor's roles in the coalition's member organisations. */
	memberRoles: { organisationId: string; role: OrganisationRole }[];
}

const NOT_FOUND = 'Coalition not found.';

/**
 * Loads a coalition for someone who belongs to it: a coordinator, or a member of one
 * of its member organisations. AZ5: anyone else gets the same answer as for a
 * coalition that does not exist.
 */
export async function loadCoalitionForMember(
	coalitionId: string,
	userId: string,
	executor: Executor = db()
): Promise<CoalitionAccess> {
	if (coalitionId.length > 64) throw new AppError('not_found', NOT_FOUND);
	const [coalition] = await executor.select().from(coalitions).where(eq(coalitions.id, coalitionId));
	if (!coalition) throw new AppError('not_found', NOT_FOUND);
	const [coordinator, memberRoles] = await Promise.all([
		executor
			.select({ userId: coalitionCoordinators.userId })
			.from(coalitionCoordinators)
			.where(and(eq(coalitionCoordinators.coalitionId, coalitionId), eq(coalitionCoordinators.userId, userId))),
		executor
			.select({ organisationId: memberships.organisationId, role: memberships.role })
			.from(memberships)
			.innerJoin(
				coalitionMembers,
				and(eq(coalitionMembers.organisationId, memberships.organisationId), eq(coalitionMembers.coalitionId, coalitionId))
			)
			.where(eq(memberships.userId, userId))
	]);
	const isCoordinator = coordinator.length > 0;
	if (!isCoordinator && memberRoles.length === 0) throw new AppError('not_found', NOT_FOUND);
	return { coalition, isCoordinator, memberRoles };
}

export async function loadCoalitionForCoordinator(
	coalitionId: string,
	userId: string,
	executor: Executor = db()
): Promise<CoalitionAccess> {
	const access = await loadCoalitionForMember(coalitionId, userId, executor);
	if (!access.isCoordinator) throw new AppError('forbidden', 'Only the coalition’s coordinators may do that.');
	return access;
}

/** Whether the user may edit letter text: coordinators, and owners or signatories of a member organisation. */
export function mayEditText(access: CoalitionAccess): boolean {
	return access.isCoordinator || access.memberRoles.some((m) => m.role === 'owner' || m.role === 'signatory');
}

/** Users who belong to at least one of the coalition's member organisations. */
export async function memberUserIds(coalitionId: string, userIds: string[], executor: Executor = db()): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await executor
		.selectDistinct({ userId: memberships.userId })
		.from(memberships)
		.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
		.where(and(eq(coalitionMembers.coalitionId, coalitionId), inArray(memberships.userId, userIds)));
	return new Set(rows.map((r) => r.userId));
}
