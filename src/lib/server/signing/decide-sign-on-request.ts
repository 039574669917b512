import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { signOnRequests } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import { m } from '$lib/paraglide/messages.js';

/** Coordinators approve or decline a request; approved organisations can then sign. */
export async function decideSignOnRequest(options: { actor: { id: string }; letterId: string; requestId: string; approve: boolean }) {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	await db().transaction(async (tx) => {
		const decided = await tx
			.update(signOnRequests)
			.set({ status: options.approve ? 'approved' : 'declined', decidedBy: options.actor.id, decidedAt: new Date() })
			.where(and(eq(signOnRequests.id, options.requestId.slice(0, 64)), eq(signOnRequests.letterId, letter.id), eq(signOnRequests.status, 'pending')))
			.returning({ id: signOnRequests.id, organisationId: signOnRequests.organisationId });
		if (decided.length === 0) throw new AppError('not_found', m.sig_error_request_decided());
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: options.approve ? 'sign_on.approved' : 'sign_on.declined',
			actorId: options.actor.id,
			data: { requestId: options.requestId, organisationId: decided[0]!.organisationId }
		});
	});
}
