import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../db';
import { memberships, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { runCommand } from '../commands/run-command';
import { endLapsedCoordinators } from '../coalitions/end-lapsed-coordinators';
import { loadOrganisationForMember, loadOrganisationForOwner } from './access';

/**
 * Locks the organisation's memberships, so two owners demoting each other at once
 * cannot leave it with none, and returns them.
 */
async function lockMemberships(tx: Transaction, organisationId: string) {
	return tx
		.select({ userId: memberships.userId, role: memberships.role })
		.from(memberships)
		.where(eq(memberships.organisationId, organisationId))
		.for('update');
}

function ensureAnotherOwner(rows: { userId: string; role: OrganisationRole }[], leavingUserId: string, message: string) {
	const owners = rows.filter((row) => row.role === 'owner' && row.userId !== leavingUserId);
	if (owners.length === 0) throw new AppError('conflict', message);
}

export async function changeMemberRole(options: {
	actor: { id: string };
	organisationId: string;
	userId: string;
	role: OrganisationRole;
	/** For the link in mail sent if a coalition loses its last coordinator. */
	origin: string;
}): Promise<void> {
	await runCommand(async (ctx) => {
		const { tx } = ctx;
		await loadOrganisationForOwner(options.organisationId, options.actor.id, tx);
		const rows = await lockMemberships(tx, options.organisationId);
		const target = rows.find((row) => row.userId === options.userId);
		if (!target) throw new AppError('not_found', 'That person is not a member of this organisation.');
		if (target.role === 'owner' && options.role !== 'owner') {
			ensureAnotherOwner(rows, options.userId, 'An organisation needs at least one owner: make someone else an owner first.');
		}
		await tx
			.update(memberships)
			.set({ role: options.role })
			.where(and(eq(memberships.organisationId, options.organisationId), eq(memberships.userId, options.userId)));
		// SE7: a demotion to member ends the coordinator roles it carried, at once.
		await endLapsedCoordinators(ctx, { userId: options.userId, actorId: options.actor.id, reason: 'role_changed', origin: options.origin });
	});
}

/** An owner removes a member, or a member leaves (userId = actor). SE7: effective on the next request. */
export async function removeMember(options: { actor: { id: string }; organisationId: string; userId: string; origin: string }): Promise<void> {
	const leaving = options.userId === options.actor.id;
	await runCommand(async (ctx) => {
		const { tx } = ctx;
		if (leaving) await loadOrganisationForMember(options.organisationId, options.actor.id, tx);
		else await loadOrganisationForOwner(options.organisationId, options.actor.id, tx);
		const rows = await lockMemberships(tx, options.organisationId);
		const target = rows.find((row) => row.userId === options.userId);
		if (!target) throw new AppError('not_found', 'That person is not a member of this organisation.');
		if (target.role === 'owner') {
			ensureAnotherOwner(
				rows,
				options.userId,
				leaving
					? 'You are the last owner: make someone else an owner before you leave.'
					: 'An organisation needs at least one owner.'
			);
		}
		await tx
			.delete(memberships)
			.where(and(eq(memberships.organisationId, options.organisationId), eq(memberships.userId, options.userId)));
		// SE7: every power held through this organisation ends now, coordinator roles included.
		await endLapsedCoordinators(ctx, { userId: options.userId, actorId: options.actor.id, reason: leaving ? 'member_left' : 'member_removed', origin: options.origin });
	});
}
