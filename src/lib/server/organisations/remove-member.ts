import { and, eq } from 'drizzle-orm';
import { memberships } from '../db/schema';
import { AppError } from '../errors';
import { runCommand } from '../commands/run-command';
import { endLapsedCoordinators } from '../coalitions/end-lapsed-coordinators';
import { loadOrganisationForMember, loadOrganisationForOwner } from './access';
import { lockMemberships, ensureAnotherOwner } from './membership-guards';
import { m } from '$lib/paraglide/messages.js';

/** An owner removes a member, or a member leaves (userId = actor). SE7: effective on the next request. */
export async function removeMember(options: { actor: { id: string }; organisationId: string; userId: string; origin: string }): Promise<void> {
	const leaving = options.userId === options.actor.id;
	await runCommand(async (ctx) => {
		const { tx } = ctx;
		if (leaving) await loadOrganisationForMember(options.organisationId, options.actor.id, tx);
		else await loadOrganisationForOwner(options.organisationId, options.actor.id, tx);
		const rows = await lockMemberships(tx, options.organisationId);
		const target = rows.find((row) => row.userId === options.userId);
		if (!target) throw new AppError('not_found', m.coal_error_not_member());
		if (target.role === 'owner') {
			ensureAnotherOwner(
				rows,
				options.userId,
				leaving ? m.coal_error_last_owner_leaving() : m.coal_error_needs_owner()
			);
		}
		await tx
			.delete(memberships)
			.where(and(eq(memberships.organisationId, options.organisationId), eq(memberships.userId, options.userId)));
		// SE7: every power held through this organisation ends now, coordinator roles included.
		await endLapsedCoordinators(ctx, { userId: options.userId, actorId: options.actor.id, reason: leaving ? 'member_left' : 'member_removed', origin: options.origin });
	});
}
