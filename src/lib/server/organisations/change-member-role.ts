import { and, eq } from 'drizzle-orm';
import { memberships, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { runCommand } from '../commands/run-command';
import { endLapsedCoordinators } from '../coalitions/end-lapsed-coordinators';
import { loadOrganisationForOwner } from './access';
import { lockMemberships, ensureAnotherOwner } from './membership-guards';
import { m } from '$lib/paraglide/messages.js';

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
		if (!target) throw new AppError('not_found', m.coal_error_not_member());
		if (target.role === 'owner' && options.role !== 'owner') {
			ensureAnotherOwner(rows, options.userId, m.coal_error_needs_owner_make_another());
		}
		await tx
			.update(memberships)
			.set({ role: options.role })
			.where(and(eq(memberships.organisationId, options.organisationId), eq(memberships.userId, options.userId)));
		// SE7: a demotion to member ends the coordinator roles it carried, at once.
		await endLapsedCoordinators(ctx, { userId: options.userId, actorId: options.actor.id, reason: 'role_changed', origin: options.origin });
	});
}
