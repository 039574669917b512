import { and, eq } from 'drizzle-orm';
import { memberships, users } from '../db/schema';
import type { CommandContext } from '../commands/run-command';
import { signatureReceiptMail } from '../mail/templates';
import { ownRequestLocale, readerLocale } from '../mail/reader-locale';
import type { Signature } from './signature';

/**
 * A receipt to the signer and to every owner of the organisation, so an organisation
 * learns at once if someone signs in its name; queued in the signing transaction.
 * Only the organisation's own people get the signer's name (PR1: no third party).
 * Each reads it in their saved language; the signer, who is signing now, else in this
 * request's, and an owner else in English (issue 14).
 */
export async function queueSignatureReceipts(
	ctx: CommandContext,
	options: { signature: Signature; letterTitle: string; origin: string }
): Promise<void> {
	const { signature } = options;
	const owners = await ctx.tx
		.select({ id: users.id, email: users.email, locale: users.locale })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, signature.organisationId), eq(memberships.role, 'owner')));
	const [signer] = signature.signerId ? await ctx.tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, signature.signerId)) : [];
	const details = {
		organisation: signature.organisationName,
		letterTitle: options.letterTitle,
		signerName: signature.signerName,
		signedAt: signature.signedAt,
		textHash: signature.textHash,
		url: `${options.origin}/letters/${signature.letterId}/signatures/${signature.id}`
	};
	const mail = [
		...(signer ? [signatureReceiptMail(signer.email, { ...details, forOwner: false }, ownRequestLocale(signer.locale))] : []),
		...owners.filter((o) => o.id !== signature.signerId).map((o) => signatureReceiptMail(o.email, { ...details, forOwner: true }, readerLocale(o.locale)))
	];
	if (mail.length === 0) return;
	await ctx.queueMail(mail.map((message) => ({ kind: 'signature_receipt', message, letterId: signature.letterId })));
}
