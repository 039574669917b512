import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { coalitionCoordinators, coalitionMembers, coalitions, memberships, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

export type Coalition = typeof coalitions.$inferSelect;

export interface CoalitionAccess {
	coalition: Coalition;
	isCoordinator: boolean;
	/** The actor's roles in the coalition's member organisations. */
	memberRoles: { organisationId: string; role: OrganisationRole }[];
}

/** The roles in a member organisation that let a coordinator act as one (decided: not plain members, who cannot sign). */
export const COORDINATOR_ROLES: readonly OrganisationRole[] = ['owner', 'signatory'];

export function isCoordinatorRole(role: OrganisationRole): boolean {
	return COORDINATOR_ROLES.includes(role);
}

/**
 * SQL for "this user id holds coordinator power in this coalition now": the one
 * derivation (AZ7) for queries that list coordinators or mark coalitions; it agrees
 * with loadCoalitionForMember's isCoordinator.
 */
export function actingCoordinatorSql(coalitionId: SQL | string, userId: SQL | string): SQL {
	return sql`(exists (select 1 from coalition_coordinators cc where cc.coalition_id = ${coalitionId} and cc.user_id = ${userId})
		and exists (select 1 from memberships m join coalition_members cm on cm.organisation_id = m.organisation_id
			where cm.coalition_id = ${coalitionId} and m.user_id = ${userId} and m.role in ('owner', 'signatory')))`;
}

/** The people who hold coordinator power in the coalition now (rows whose holder still qualifies). */
export async function listActingCoordinatorIds(coalitionId: string, executor: Executor = db()): Promise<string[]> {
	const rows = await executor
		.selectDistinct({ userId: coalitionCoordinators.userId })
		.from(coalitionCoordinators)
		.innerJoin(memberships, and(eq(memberships.userId, coalitionCoordinators.userId), inArray(memberships.role, [...COORDINATOR_ROLES])))
		.innerJoin(coalitionMembers, and(eq(coalitionMembers.organisationId, memberships.organisationId), eq(coalitionMembers.coalitionId, coalitionId)))
		.where(eq(coalitionCoordinators.coalitionId, coalitionId));
	return rows.map((r) => r.userId);
}

/**
 * Loads a coalition for someone who belongs to it: a member of one of its member
 * organisations (coordinators always are one). AZ5: anyone else gets the same answer as for a
 * coalition that does not exist.
 */
export async function loadCoalitionForMember(
	coalitionId: string,
	userId: string,
	executor: Executor = db()
): Promise<CoalitionAccess> {
	if (coalitionId.length > 64) throw new AppError('not_found', m.coal_error_coalition_not_found());
	const [coalition] = await executor.select().from(coalitions).where(eq(coalitions.id, coalitionId));
	if (!coalition) throw new AppError('not_found', m.coal_error_coalition_not_found());
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
	// AZ7, SE7: a coordinator row alone gives no power; it counts only while its holder
	// is, now, an owner or signatory of one of the coalition's member organisations.
	const isCoordinator = coordinator.length > 0 && memberRoles.some((member) => isCoordinatorRole(member.role));
	if (memberRoles.length === 0) throw new AppError('not_found', m.coal_error_coalition_not_found());
	return { coalition, isCoordinator, memberRoles };
}

export async function loadCoalitionForCoordinator(
	coalitionId: string,
	userId: string,
	executor: Executor = db()
): Promise<CoalitionAccess> {
	const access = await loadCoalitionForMember(coalitionId, userId, executor);
	if (!access.isCoordinator) throw new AppError('forbidden', m.coal_error_only_coordinators());
	return access;
}

/** Whether the user may edit letter text: coordinators, and owners or signatories of a member organisation. */
export function mayEditText(access: CoalitionAccess): boolean {
	return access.isCoordinator || access.memberRoles.some((member) => member.role === 'owner' || member.role === 'signatory');
}

/** Users who are owners or signatories of at least one of the coalition's member organisations: who may coordinate. */
export async function memberUserIds(coalitionId: string, userIds: string[], executor: Executor = db()): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await executor
		.selectDistinct({ userId: memberships.userId })
		.from(memberships)
		.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
		.where(and(eq(coalitionMembers.coalitionId, coalitionId), inArray(memberships.userId, userIds), inArray(memberships.role, [...COORDINATOR_ROLES])));
	return new Set(rows.map((r) => r.userId));
}
