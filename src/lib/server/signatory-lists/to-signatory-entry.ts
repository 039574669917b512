import type { Signature } from '../signatures/signature';
import type { SignatoryEntry } from './order-signatories';

/** The columns of a signature a signatory list needs. */
export type SignatoryColumns = Pick<
	Signature,
	'id' | 'organisationId' | 'organisationName' | 'organisationCountry' | 'signedAt' | 'signerName' | 'signerTitle' | 'signerNamePublic' | 'statement'
>;

/**
 * The one signatory privacy mapping, used by the pages, the CSV, editions and so the
 * PDFs: PR1, the signer's name and title appear only where the signer chose so; with
 * an organisation-only signature (the default) they are null from here on.
 */
export function toSignatoryEntry(
	signature: SignatoryColumns,
	membership: { verifiedAt: Date | null | undefined; initiator: boolean | null | undefined }
): SignatoryEntry {
	return {
		signatureId: signature.id,
		organisationId: signature.organisationId,
		organisationName: signature.organisationName,
		country: signature.organisationCountry,
		signedAt: signature.signedAt,
		initiator: membership.initiator ?? false,
		verified: membership.verifiedAt !== null && membership.verifiedAt !== undefined,
		signerName: signature.signerNamePublic ? signature.signerName : null,
		signerTitle: signature.signerNamePublic ? signature.signerTitle : null,
		statement: signature.statement
	};
}
