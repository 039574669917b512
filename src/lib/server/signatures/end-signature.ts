import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, signatures, type OrganisationRole } from '../db/schema';
import { findHeadRevision } from '../letters/revisions';
import { AppError } from '../errors';
import type { LetterCommandContext } from '../letters/run-letter-command';
import type { Signature } from './signature';
import { m } from '$lib/paraglide/messages.js';

const notFound = () => m.pub_signature_not_found();

/** A signature of the letter, or not_found (also for an id of another letter). */
export async function findSignature(letterId: string, signatureId: string): Promise<Signature> {
	if (signatureId.length > 64) throw new AppError('not_found', notFound());
	const [signature] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, signatureId), eq(signatures.letterId, letterId)));
	if (!signature) throw new AppError('not_found', notFound());
	return signature;
}

/**
 * A signature as its organisation's people with signing power see it now (AZ7): for
 * anyone else, including people removed from or demoted in the organisation since,
 * exactly the answer for a signature that does not exist (AZ5).
 */
export async function findSignatureForOrganisation(
	letterId: string,
	signatureId: string,
	actorId: string
): Promise<{ signature: Signature; role: OrganisationRole }> {
	const signature = await findSignature(letterId, signatureId);
	const [membership] = await db()
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, signature.organisationId), eq(memberships.userId, actorId)));
	if (!membership || membership.role === 'member') throw new AppError('not_found', notFound());
	return { signature, role: membership.role };
}

/** The letter's title in its primary language, as the confirmation names it. */
export async function letterTitleOf(letterId: string): Promise<string> {
	const [letter] = await db().select({ primaryLanguage: letters.primaryLanguage }).from(letters).where(eq(letters.id, letterId));
	const head = letter ? await findHeadRevision(letterId, letter.primaryLanguage) : undefined;
	return head?.title || m.pub_this_letter();
}

/**
 * Nothing that ends a signature happens in one click (AU8, PRODUCT "nothing
 * destructive in one click"): the form carries a confirmation that names the letter,
 * and the person must have ticked it.
 */
export function requireEndingConfirmed(confirmed: boolean, letterTitle: string): void {
	if (!confirmed) {
		throw new AppError('invalid', m.pub_tick_to_end_signature({ title: letterTitle }), { field: 'confirm' });
	}
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
	if (ended.length === 0) throw new AppError('conflict', m.pub_signature_no_longer_active());
	await ctx.record({ signatureId: signature.id, organisationId: signature.organisationId, ...(reason ? { reason } : {}) });
}
