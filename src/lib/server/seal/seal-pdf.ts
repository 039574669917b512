import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { buildCms, signAttributes, signedAttributes } from './build-cms';
import type { SealKey } from './seal-key';
import { requestTimestamp } from './timestamp';

/** Room for the CMS: the chain of a few certificates, and a timestamp token when there is one. */
export function sealContentsLength(key: SealKey, timestamped: boolean): number {
	const certificates = key.chain.reduce((sum, certificate) => sum + certificate.raw.length, 0);
	const base = 1024 + certificates + 512;
	// A timestamp token carries the authority's certificates: a few kilobytes, more with a long chain.
	const room = base + (timestamped ? 16384 : 0);
	// Whole kilobytes, so the layout does not move with a few bytes of certificate.
	return Math.ceil(room / 1024) * 1024;
}

/** @signpdf's Signer, making a PAdES baseline CMS instead of its P12Signer's PKCS#7. */
class PadesSigner extends Signer {
	constructor(
		private readonly key: SealKey,
		private readonly tsaUrl: string | undefined
	) {
		super();
	}

	async sign(signedBytes: Buffer): Promise<Buffer> {
		const digest = createHash('sha256').update(signedBytes).digest();
		const attributes = signedAttributes(digest, this.key);
		const signature = signAttributes(attributes, this.key);
		const timestampToken = this.tsaUrl ? await requestTimestamp(this.tsaUrl, signature) : undefined;
		return buildCms({ key: this.key, attributes, signature, timestampToken });
	}
}

/**
 * Fills the seal placeholder of a rendered PDF (see addSealPlaceholder): @signpdf
 * writes the /ByteRange (the whole file but /Contents), hands us those bytes to
 * sign, and puts the CMS into /Contents.
 */
export async function sealPdf(pdf: Buffer, key: SealKey, options: { tsaUrl?: string } = {}): Promise<Buffer> {
	return new SignPdf().sign(pdf, new PadesSigner(key, options.tsaUrl));
}
