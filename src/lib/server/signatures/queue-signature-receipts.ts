import type { CommandContext } from '../commands/run-command';
import { signatureReceiptMail } from '../mail/templates';
import { ownRequestLocale, readerLocale } from '../mail/reader-locale';
import type { Signature } from './signature';

/**
 * A receipt to the signer and to every owner of the organisation, so an organisation
 * learns at once if someone signs in its name; queued in the signing transaction.
 * Only the organisation's own people get the signer's name (PR1: no third party).
 * The signing command reads the addresses with the rows it checks, so this sends no
 * query of its own besides the one insert into the outbox. Each reads it in their
 * saved language; the signer, who is signing now, else in this request's, and an
 * owner else in English (issue 14).
 */
export async function queueSignatureReceipts(
	ctx: CommandContext,
	options: {
		signature: Signature;
		letterTitle: string;
		origin: string;
		/** The signer's address; null once their account is gone. */
		signerEmail: string | null;
		/** The signer's saved interface language (users.locale), if any. */
		signerLocale?: string | null;
		/** The organisation's owners now, with their saved languages. */
		owners: { id: string; email: string; locale?: string | null }[];
	}
): Promise<void> {
	const { signature } = options;
	const details = {
		organisation: signature.organisationName,
		letterTitle: options.letterTitle,
		signerName: signature.signerName,
		signedAt: signature.signedAt,
		textHash: signature.textHash,
		url: `${options.origin}/letters/${signature.letterId}/signatures/${signature.id}`
	};
	const mail = [
		...(options.signerEmail ? [signatureReceiptMail(options.signerEmail, { ...details, forOwner: false }, ownRequestLocale(options.signerLocale))] : []),
		...options.owners.filter((o) => o.id !== signature.signerId).map((o) => signatureReceiptMail(o.email, { ...details, forOwner: true }, readerLocale(o.locale)))
	];
	if (mail.length === 0) return;
	await ctx.queueMail(mail.map((message) => ({ kind: 'signature_receipt', message, letterId: signature.letterId })));
}
