import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, signatures } from '../db/schema';
import { AppError } from '../errors';
import { findHeadRevision } from '../letters/revisions';
import { mayActForOrganisation } from '../organisations/may-act-for-organisation';

/**
 * A signature as its organisation sees it: only the organisation's people with
 * signing rights now; everyone else gets "not found" (PR1: the signer's name
 * is shown here because these are the organisation's own people).
 */
export async function getSignatureReceipt(options: { letterId: string; signatureId: string; actor: { id: string } }) {
	const [signature] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, options.signatureId.slice(0, 64)), eq(signatures.letterId, options.letterId)));
	if (!signature) throw new AppError('not_found', 'Signature not found.');
	// AZ7: only people with signing power in the organisation now (PR1, AZ5: the
	// receipt names the signer); a signer removed or demoted since sees nothing more.
	const canSign = await mayActForOrganisation({ userId: options.actor.id, organisationId: signature.organisationId, power: 'sign' });
	if (!canSign) throw new AppError('not_found', 'Signature not found.');
	const isSigner = signature.signerId === options.actor.id;
	const isOwner = await mayActForOrganisation({ userId: options.actor.id, organisationId: signature.organisationId, power: 'own' });
	const [letter] = await db().select().from(letters).where(eq(letters.id, signature.letterId));
	const head = letter ? await findHeadRevision(letter.id, letter.primaryLanguage) : undefined;
	return {
		signature,
		letterState: letter?.state ?? 'draft',
		letterTitle: head?.title ?? '',
		isSigner,
		isOwner
	};
}
