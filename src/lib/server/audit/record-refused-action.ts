import { eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, letters } from '../db/schema';
import type { AppErrorCode } from '../errors';
import { appendAuditEvent } from './append-audit-event';

/** The refusals that say "you may not (now)": worth a line on the chain (AZ1, AZ7, AU8). */
export const AUDITED_REFUSALS: readonly AppErrorCode[] = ['forbidden', 'not_found', 'step_up_required', 'wrong_password'];

/**
 * Records a refused action on the chain of the letter or coalition it was aimed at,
 * in its own transaction (the action's own rolled back, so nothing else is written).
 * Ids, the route and a code only: no names, no form values (PR3, PR6). An id that
 * names no letter or coalition records nothing, so guessed ids cannot start chains.
 */
export async function recordRefusedAction(options: {
	target: { kind: 'letter' | 'coalition'; id: string };
	actorId: string;
	action: string;
	code: AppErrorCode;
}): Promise<void> {
	const { target } = options;
	if (target.id.length > 64) return;
	const table = target.kind === 'letter' ? letters : coalitions;
	const [exists] = await db().select({ id: table.id }).from(table).where(eq(table.id, target.id));
	if (!exists) return;
	await db().transaction((tx) =>
		appendAuditEvent(tx, {
			chainId: target.id,
			type: 'action.refused',
			actorId: options.actorId,
			data: { action: options.action.slice(0, 120), code: options.code }
		})
	);
}
