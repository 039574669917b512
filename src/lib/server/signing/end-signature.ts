import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, signatures } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Session } from '../auth/session';
import { loadLetterFor } from '../letters/access';
import { requireStepUp } from './step-up';
import type { Signature } from './sign-letter';

type Ending = 'withdrawn' | 'revoked' | 'excluded';

const NOT_FOUND = 'Signature not found.';

async function findSignature(letterId: string, signatureId: string): Promise<Signature> {
	if (signatureId.length > 64) throw new AppError('not_found', NOT_FOUND);
	const [signature] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, signatureId), eq(signatures.letterId, letterId)));
	if (!signature) throw new AppError('not_found', NOT_FOUND);
	return signature;
}

/** Ends an active signature in one transaction with its audit entry, refusing once published. */
async function endSignature(signature: Signature, ending: Ending, actorId: string, reason: string | null, allowed: string[]) {
	await db().transaction(async (tx) => {
		const [letter] = await tx.select({ state: letters.state }).from(letters).where(eq(letters.id, signature.letterId)).for('update');
		if (!letter || !allowed.includes(letter.state)) {
			throw new AppError('conflict', ending === 'excluded' ? 'Signatures can be excluded only while signing is closed.' : 'The letter is published; its signatures can no longer change.');
		}
		const ended = await tx
			.update(signatures)
			.set({ status: ending, endedAt: new Date(), endedBy: actorId, endReason: reason })
			.where(and(eq(signatures.id, signature.id), eq(signatures.status, 'active')))
			.returning({ id: signatures.id });
		if (ended.length === 0) throw new AppError('conflict', 'This signature is no longer active.');
		await appendAuditEvent(tx, {
			chainId: signature.letterId,
			type: `signature.${ending}`,
			actorId,
			data: { signatureId: signature.id, organisationId: signature.organisationId, ...(reason ? { reason } : {}) }
		});
	});
}

/** The person who signed withdraws it, until publication. */
export async function withdrawSignature(options: { actor: { id: string }; letterId: string; signatureId: string }) {
	const signature = await findSignature(options.letterId, options.signatureId);
	if (signature.signerId !== options.actor.id) {
		throw new AppError('forbidden', 'Only the person who signed can withdraw a signature; an owner of the organisation can revoke it.');
	}
	await endSignature(signature, 'withdrawn', options.actor.id, null, ['open', 'closed']);
}

/** An owner of the organisation revokes a signature made in its name (AU8: after re-entering the password). */
export async function revokeSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	password: string | null;
	clientAddress: string;
}) {
	const signature = await findSignature(options.letterId, options.signatureId);
	const [membership] = await db()
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, signature.organisationId), eq(memberships.userId, options.actor.id)));
	if (membership?.role !== 'owner') throw new AppError('forbidden', 'Only an owner of the organisation can revoke its signature.');
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	await endSignature(signature, 'revoked', options.actor.id, null, ['open', 'closed']);
}

/** Coordinators exclude a signature from a closed letter, with a reason on the record. */
export async function excludeSignature(options: { actor: { id: string }; letterId: string; signatureId: string; reason: string }) {
	await loadLetterFor('manage', options.letterId, options.actor.id);
	const signature = await findSignature(options.letterId, options.signatureId);
	await endSignature(signature, 'excluded', options.actor.id, options.reason, ['closed']);
}
