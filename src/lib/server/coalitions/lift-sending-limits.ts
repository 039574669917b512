import { eq } from 'drizzle-orm';
import { coalitions } from '../db/schema';
import { AppError } from '../errors';
import { runCommand } from '../commands/run-command';
import { isInstanceAdmin } from '../admin/instance-admins';
import { m } from '$lib/paraglide/messages.js';

/**
 * AV6: an instance administrator lifts a new or small coalition's sending limits (or
 * restores them), on the coalition's audit chain. Anyone else is answered as if the
 * coalition did not exist, like the admin pages themselves.
 */
export async function setSendingLimitsLifted(options: { actor: { id: string }; coalitionId: string; lifted: boolean }): Promise<void> {
	if (options.coalitionId.length > 64) throw new AppError('not_found', m.coal_error_coalition_not_found());
	await runCommand(async ({ tx, audit }) => {
		if (!(await isInstanceAdmin(options.actor.id, tx))) throw new AppError('not_found', m.coal_error_coalition_not_found());
		const [coalition] = await tx
			.select({ id: coalitions.id, liftedAt: coalitions.sendingLimitsLiftedAt })
			.from(coalitions)
			.where(eq(coalitions.id, options.coalitionId))
			.for('no key update');
		if (!coalition) throw new AppError('not_found', m.coal_error_coalition_not_found());
		// Lifting twice (a double click) changes nothing and writes nothing.
		if (Boolean(coalition.liftedAt) === options.lifted) return;
		await tx
			.update(coalitions)
			.set(options.lifted ? { sendingLimitsLiftedAt: new Date(), sendingLimitsLiftedBy: options.actor.id } : { sendingLimitsLiftedAt: null, sendingLimitsLiftedBy: null })
			.where(eq(coalitions.id, coalition.id));
		await audit({
			chainId: coalition.id,
			type: options.lifted ? 'coalition.sending_limits_lifted' : 'coalition.sending_limits_restored',
			actorId: options.actor.id,
			data: {}
		});
	});
}
