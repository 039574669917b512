import { and, eq, inArray } from 'drizzle-orm';
import { coalitionCoordinators, coalitionMembers, coalitions, memberships, users } from '../db/schema';
import type { CommandContext } from '../commands/run-command';
import { coordinatorVacancyMail } from '../mail/templates';
import { readerLocale } from '../mail/reader-locale';
import { COORDINATOR_ROLES, listActingCoordinatorIds } from './access';

export type CoordinatorEndReason = 'member_removed' | 'member_left' | 'role_changed' | 'organisation_removed';

/**
 * SE7: after a membership ended or changed (in the caller's transaction), ends every
 * coordinator role of `userId` that no longer rests on an owner or signatory role in
 * a member organisation of that coalition, with an entry on the coalition's chain.
 * Access checks already derive coordinator power from current membership (AZ7); this
 * removes the rows too, so being let back into an organisation never brings a
 * coordinator role back by itself. A coalition left with no acting coordinator has
 * every owner of its member organisations told by mail, in the same transaction;
 * any of them may then appoint one (addCoordinator).
 */
export async function endLapsedCoordinators(
	ctx: CommandContext,
	options: { userId: string; actorId: string; reason: CoordinatorEndReason; origin: string }
): Promise<{ coalitionIds: string[] }> {
	const { tx } = ctx;
	const held = await tx
		.select({ coalitionId: coalitionCoordinators.coalitionId })
		.from(coalitionCoordinators)
		.where(eq(coalitionCoordinators.userId, options.userId))
		.for('update');
	if (held.length === 0) return { coalitionIds: [] };
	const qualifying = await tx
		.selectDistinct({ coalitionId: coalitionMembers.coalitionId })
		.from(memberships)
		.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
		.where(and(eq(memberships.userId, options.userId), inArray(memberships.role, [...COORDINATOR_ROLES])));
	const still = new Set(qualifying.map((q) => q.coalitionId));
	const ended = held.map((h) => h.coalitionId).filter((id) => !still.has(id));
	for (const coalitionId of ended) {
		await tx.delete(coalitionCoordinators).where(and(eq(coalitionCoordinators.coalitionId, coalitionId), eq(coalitionCoordinators.userId, options.userId)));
		await ctx.audit({ chainId: coalitionId, type: 'coalition.coordinator_removed', actorId: options.actorId, data: { userId: options.userId, reason: options.reason } });
		if ((await listActingCoordinatorIds(coalitionId, tx)).length === 0) await announceVacancy(ctx, coalitionId, options);
	}
	return { coalitionIds: ended };
}

async function announceVacancy(ctx: CommandContext, coalitionId: string, options: { actorId: string; origin: string }) {
	const { tx } = ctx;
	const [coalition] = await tx.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, coalitionId));
	const owners = await tx
		.selectDistinct({ email: users.email, locale: users.locale })
		.from(memberships)
		.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(coalitionMembers.coalitionId, coalitionId), eq(memberships.role, 'owner')));
	await ctx.audit({ chainId: coalitionId, type: 'coalition.coordinator_vacant', actorId: options.actorId, data: { ownersTold: owners.length } });
	const url = `${options.origin}/coalitions/${coalitionId}`;
	if (owners.length > 0) await ctx.queueMail(owners.map((o) => ({ kind: 'coordinator_vacancy' as const, message: coordinatorVacancyMail(o.email, { coalition: coalition?.name ?? '', url }, readerLocale(o.locale)) })));
}
