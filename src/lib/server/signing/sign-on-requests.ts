import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { organisations, signOnRequests } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { isEligibleToSign, loadLetterForSigning } from './access';

/** On a public letter, an organisation that was not invited asks to sign. */
export async function requestToSign(options: { actor: { id: string }; letterId: string; organisationId: string; message: string | null }) {
	const { letter } = await loadLetterForSigning(options.letterId, options.actor.id);
	if (letter.visibility !== 'public' || letter.state !== 'open') throw new AppError('forbidden', 'This letter does not take sign-on requests.');
	const forbidden = 'Only a signatory or owner can ask on behalf of the organisation.';
	await requireMayActForOrganisation({ userId: options.actor.id, organisationId: options.organisationId, power: 'sign', message: forbidden });
	if (await isEligibleToSign(letter, options.organisationId)) throw new AppError('conflict', 'This organisation may already sign.');
	const command = { command: 'requestToSign', actor: options.actor, letterId: letter.id, organisationId: options.organisationId, forbidden } as const;
	await runLetterCommand(command, async (ctx) => {
		const id = generateId();
		const created = await ctx.tx
			.insert(signOnRequests)
			.values({ id, letterId: letter.id, organisationId: options.organisationId, requestedBy: options.actor.id, message: options.message })
			.onConflictDoNothing()
			.returning({ id: signOnRequests.id });
		if (created.length === 0) throw new AppError('conflict', 'This organisation has already asked to sign.');
		await ctx.record({ requestId: id, organisationId: options.organisationId });
	});
}

/** Coordinators approve or decline a request; approved organisations can then sign. */
export async function decideSignOnRequest(options: { actor: { id: string }; letterId: string; requestId: string; approve: boolean }) {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	await db().transaction(async (tx) => {
		const decided = await tx
			.update(signOnRequests)
			.set({ status: options.approve ? 'approved' : 'declined', decidedBy: options.actor.id, decidedAt: new Date() })
			.where(and(eq(signOnRequests.id, options.requestId.slice(0, 64)), eq(signOnRequests.letterId, letter.id), eq(signOnRequests.status, 'pending')))
			.returning({ id: signOnRequests.id, organisationId: signOnRequests.organisationId });
		if (decided.length === 0) throw new AppError('not_found', 'That request is not waiting for a decision.');
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: options.approve ? 'sign_on.approved' : 'sign_on.declined',
			actorId: options.actor.id,
			data: { requestId: options.requestId, organisationId: decided[0]!.organisationId }
		});
	});
}

export async function listSignOnRequests(letterId: string) {
	return db()
		.select({
			id: signOnRequests.id,
			organisationId: signOnRequests.organisationId,
			organisationName: organisations.displayName,
			country: organisations.country,
			message: signOnRequests.message,
			status: signOnRequests.status,
			createdAt: signOnRequests.createdAt
		})
		.from(signOnRequests)
		.innerJoin(organisations, eq(organisations.id, signOnRequests.organisationId))
		.where(eq(signOnRequests.letterId, letterId))
		.orderBy(asc(signOnRequests.createdAt));
}
