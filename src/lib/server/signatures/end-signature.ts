import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { signatures } from '../db/schema';
import { AppError } from '../errors';
import type { LetterCommandContext } from '../letters/run-letter-command';
import type { Signature } from './signature';

const NOT_FOUND = 'Signature not found.';

/** A signature of the letter, or not_found (also for an id of another letter). */
export async function findSignature(letterId: string, signatureId: string): Promise<Signature> {
	if (signatureId.length > 64) throw new AppError('not_found', NOT_FOUND);
	const [signature] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, signatureId), eq(signatures.letterId, letterId)));
	if (!signature) throw new AppError('not_found', NOT_FOUND);
	return signature;
}

/**
 * The shared body of withdrawing, revoking and excluding, run inside the command's
 * transaction: the signature must still be active, and the audit entry names ids only (PR3).
 */
export async function endSignature(
	ctx: LetterCommandContext,
	signature: Signature,
	ending: 'withdrawn' | 'revoked' | 'excluded',
	actorId: string,
	reason: string | null
): Promise<void> {
	const ended = await ctx.tx
		.update(signatures)
		.set({ status: ending, endedAt: new Date(), endedBy: actorId, endReason: reason })
		.where(and(eq(signatures.id, signature.id), eq(signatures.status, 'active')))
		.returning({ id: signatures.id });
	if (ended.length === 0) throw new AppError('conflict', 'This signature is no longer active.');
	await ctx.record({ signatureId: signature.id, organisationId: signature.organisationId, ...(reason ? { reason } : {}) });
}
