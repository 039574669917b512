import type { Executor } from '../db';
import { renderLetterPdf } from '../pdf/render-letter-pdf';
import type { LetterPdfInput } from '../pdf/types';
import { labelLocale, labels } from '../pdf/pdf-labels';
import { instanceSeal, type InstanceSeal } from './instance-seal';
import { recordSealCertificate } from './record-seal-certificate';
import type { SealPlaceholder } from './seal-placeholder';
import { sealContentsLength, sealPdf } from './seal-pdf';

/** The certificate holder's name as a reader shows it: its common name, else its whole subject. */
export function sealHolderName(seal: InstanceSeal): string {
	const subject = seal.key.chain[0]!.subject;
	return /^CN=(.+)$/m.exec(subject)?.[1] ?? subject.replaceAll('\n', ', ');
}

/**
 * What the seal says (issue 15): Reason "Published by <coalition> through <instance>"
 * in the letter's language, as the last page prints it (issue 14),
 * Location the instance's address, ContactInfo the verification URL, and the
 * publication time as signing time (/M), so the same edition seals to the same bytes.
 */
export function sealPlaceholderFor(input: LetterPdfInput, seal: InstanceSeal): SealPlaceholder {
	const verification = new URL(input.verificationUrl);
	const publisher = { coalition: input.coalitionName, host: verification.host };
	return {
		name: sealHolderName(seal),
		reason: labels.pdf_seal_published_by(publisher, { locale: labelLocale(input.language) }),
		publisher,
		location: verification.origin,
		contactInfo: input.verificationUrl,
		signingTime: input.publishedAt,
		contentsLength: sealContentsLength(seal.key, Boolean(seal.tsaUrl))
	};
}

/** A published letter's PDF, sealed when the instance has a seal. */
export async function renderSealedPdf(input: LetterPdfInput, seal: InstanceSeal | null): Promise<Buffer> {
	if (!seal) return renderLetterPdf(input);
	const pdf = await renderLetterPdf({ ...input, seal: sealPlaceholderFor(input, seal) });
	return sealPdf(pdf, seal.key, { tsaUrl: seal.tsaUrl });
}

/**
 * The call publishing makes, inside its transaction: renders and seals with the
 * instance's seal and keeps the certificate that sealed it. Returns what the
 * publication row records.
 */
export async function renderPublishedPdf(tx: Executor, input: LetterPdfInput, seal = instanceSeal()): Promise<{ pdf: Buffer; sealCertificateSha256: string | null }> {
	const pdf = await renderSealedPdf(input, seal);
	if (!seal) return { pdf, sealCertificateSha256: null };
	await recordSealCertificate(tx, seal.key);
	return { pdf, sealCertificateSha256: seal.key.fingerprint };
}
