import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, signatures, users } from '../db/schema';
import { reconfirmMail, signatureReceiptMail } from '../mail/templates';
import { sendMailInBackground } from '../mail/transport';
import { findHeadRevision } from '../letters/revisions';
import type { Signature } from './sign-letter';

async function letterTitle(letterId: string): Promise<string> {
	const [letter] = await db().select({ primaryLanguage: letters.primaryLanguage }).from(letters).where(eq(letters.id, letterId));
	const head = letter ? await findHeadRevision(letterId, letter.primaryLanguage) : undefined;
	return head?.title ?? 'Untitled letter';
}

/**
 * A receipt to the signer and to every owner of the organisation, so an organisation
 * learns at once if someone signs in its name. Only the organisation's own people get
 * the signer's name (PR1: no third party).
 */
export async function sendSignatureReceipts(options: { signature: Signature; origin: string }): Promise<void> {
	const { signature } = options;
	const title = await letterTitle(signature.letterId);
	const owners = await db()
		.select({ id: users.id, email: users.email })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, signature.organisationId), eq(memberships.role, 'owner')));
	const [signer] = signature.signerId ? await db().select({ email: users.email }).from(users).where(eq(users.id, signature.signerId)) : [];
	const details = {
		organisation: signature.organisationName,
		letterTitle: title,
		signerName: signature.signerName,
		signedAt: signature.signedAt.toISOString().replace('T', ' ').slice(0, 19),
		textHash: signature.textHash,
		url: `${options.origin}/letters/${signature.letterId}/signatures/${signature.id}`
	};
	if (signer) sendMailInBackground(signatureReceiptMail(signer.email, { ...details, forOwner: false }));
	for (const owner of owners) {
		if (owner.id === signature.signerId) continue;
		sendMailInBackground(signatureReceiptMail(owner.email, { ...details, forOwner: true }));
	}
}

/** After an amendment: everyone whose active signature is on an older signing text is asked to confirm again. */
export async function notifyReconfirmationNeeded(options: { letterId: string; origin: string }): Promise<void> {
	const [letter] = await db().select({ signingTextId: letters.signingTextId }).from(letters).where(eq(letters.id, options.letterId));
	if (!letter?.signingTextId) return;
	const stale = await db()
		.select({ id: signatures.id, organisationName: signatures.organisationName, signerId: signatures.signerId, signingTextId: signatures.signingTextId })
		.from(signatures)
		.where(and(eq(signatures.letterId, options.letterId), eq(signatures.status, 'active')));
	const waiting = stale.filter((s) => s.signingTextId !== letter.signingTextId && s.signerId);
	if (waiting.length === 0) return;
	const title = await letterTitle(options.letterId);
	const signers = await db()
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.id, waiting.map((s) => s.signerId as string)));
	const emailOf = new Map(signers.map((s) => [s.id, s.email]));
	for (const signature of waiting) {
		const email = emailOf.get(signature.signerId as string);
		if (!email) continue;
		sendMailInBackground(
			reconfirmMail(email, { organisation: signature.organisationName, letterTitle: title, url: `${options.origin}/letters/${options.letterId}/sign` })
		);
	}
}
