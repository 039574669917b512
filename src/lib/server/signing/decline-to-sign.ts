import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { m } from '$lib/paraglide/messages.js';

/** An organisation says it will not sign. */
export async function declineToSign(options: { actor: { id: string }; letterId: string; organisationId: string }) {
	await requireMayActForOrganisation({
		userId: options.actor.id,
		organisationId: options.organisationId,
		power: 'sign',
		message: m.pub_only_signatory_may_answer()
	});
	await db().transaction(async (tx) => {
		const declined = await tx
			.update(signingInvitations)
			.set({ declinedAt: new Date() })
			.where(and(eq(signingInvitations.letterId, options.letterId), eq(signingInvitations.organisationId, options.organisationId)))
			.returning({ id: signingInvitations.id });
		if (declined.length === 0) throw new AppError('not_found', m.pub_no_invitation_to_decline());
		await appendAuditEvent(tx, { chainId: options.letterId, type: 'signing.declined', actorId: options.actor.id, data: { organisationId: options.organisationId } });
	});
}
