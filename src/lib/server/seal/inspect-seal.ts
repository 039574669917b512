import { X509Certificate, createHash, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CMS_OID } from './build-cms';
import { certificateFingerprint } from './seal-key';
import { m } from '$lib/paraglide/messages.js';

export interface SealCertificateFacts {
	subject: string;
	issuer: string;
	serialNumber: string;
	sha256: string;
	notBefore: string;
	notAfter: string;
}

/** What a PDF's last signature says about the file; see inspectPdfSeal. */
export type SealReport =
	| { sealed: false; signatureCount: 0 }
	| {
			sealed: true;
			signatureCount: number;
			/** The byte ranges are the whole file except the signature's own /Contents. */
			coversWholeFile: boolean;
			/** The SHA-256 of the signed bytes is the one the seal signed. */
			digestMatches: boolean;
			/** The signature over the signed attributes verifies with the certificate's key. */
			signatureValid: boolean;
			/** All of the above: nothing in the file changed since it was sealed. */
			valid: boolean;
			subFilter: string | null;
			/** The signature dictionary's /M, ISO 8601. */
			signingTime: string | null;
			/** The RFC 3161 signature timestamp's time when the seal has one (PAdES B-T). */
			timestampTime: string | null;
			certificate: SealCertificateFacts | null;
			problem: string | null;
	  };

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const HASHES: Record<string, string> = {
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512'
};

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function pdfDate(value: string | undefined): string | null {
	const m = value ? /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value) : null;
	return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}

function certificateFacts(certificate: X509Certificate): SealCertificateFacts {
	return {
		subject: certificate.subject.replaceAll('\n', ', '),
		issuer: certificate.issuer.replaceAll('\n', ', '),
		serialNumber: certificate.serialNumber,
		sha256: certificateFingerprint(certificate),
		notBefore: new Date(certificate.validFrom).toISOString(),
		notAfter: new Date(certificate.validTo).toISOString()
	};
}

function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): X509Certificate | null {
	const sid = signerInfo.sid;
	if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return null;
	for (const candidate of signedData.certificates ?? []) {
		if (!(candidate instanceof pkijs.Certificate)) continue;
		if (candidate.issuer.isEqual(sid.issuer) && candidate.serialNumber.isEqual(sid.serialNumber)) {
			return new X509Certificate(Buffer.from(candidate.toSchema().toBER()));
		}
	}
	return null;
}

function attributeValue(signerInfo: pkijs.SignerInfo, type: string, unsigned = false) {
	const attributes = (unsigned ? signerInfo.unsignedAttrs : signerInfo.signedAttrs)?.attributes ?? [];
	return attributes.find((a) => a.type === type)?.values[0];
}

function timestampTime(signerInfo: pkijs.SignerInfo): string | null {
	const token = attributeValue(signerInfo, CMS_OID.signatureTimeStampToken, true);
	if (!token) return null;
	try {
		const content = new pkijs.ContentInfo({ schema: token });
		const signed = new pkijs.SignedData({ schema: content.content });
		const info = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent!.getValue());
		const imprint = Buffer.from(info.messageImprint.hashedMessage.getValue());
		const expected = createHash('sha256').update(Buffer.from(signerInfo.signature.getValue())).digest();
		return imprint.equals(expected) ? info.genTime.toISOString() : null;
	} catch {
		return null;
	}
}

/**
 * Checks the last signature of a PDF the way a PDF reader does, without trusting
 * anything in the file but its bytes: the /ByteRange must cover the whole file but
 * the /Contents it skips; the CMS's message digest must be the hash of those bytes;
 * the signature over the signed attributes must verify with the signer's
 * certificate (found in the CMS by issuer and serial number). Whether that
 * certificate is this instance's is for the caller to say.
 */
export function inspectPdfSeal(pdf: Buffer): SealReport {
	const text = pdf.toString('latin1');
	const ranges = [...text.matchAll(BYTE_RANGE)];
	const last = ranges.at(-1);
	if (!last) return { sealed: false, signatureCount: 0 };
	const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
	const base = {
		sealed: true as const,
		signatureCount: ranges.length,
		coversWholeFile: false,
		digestMatches: false,
		signatureValid: false,
		valid: false,
		subFilter: null as string | null,
		signingTime: null as string | null,
		timestampTime: null as string | null,
		certificate: null as SealCertificateFacts | null
	};
	if (!(a === 0 && b > 0 && c > b && d >= 0 && c + d <= pdf.length)) return { ...base, problem: m.pub_seal_problem_byte_ranges() };
	const gap = text.slice(b, c);
	const coversWholeFile = c + d === pdf.length && /^<[0-9a-fA-F]*>$/.test(gap);
	const dictionaryStart = text.lastIndexOf('<<', last.index);
	const dictionary = text.slice(dictionaryStart, text.indexOf('>>', c) + 2);
	const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dictionary)?.[1] ?? null;
	const signingTime = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1]);
	const facts = { ...base, coversWholeFile, subFilter, signingTime };
	try {
		const der = Buffer.from(gap.slice(1, -1), 'hex');
		const parsed = asn1js.fromBER(toArrayBuffer(der));
		if (parsed.offset === -1) return { ...facts, problem: m.pub_seal_problem_not_cms() };
		const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
		if (contentInfo.contentType !== CMS_OID.signedData) return { ...facts, problem: m.pub_seal_problem_not_signed_data() };
		const signedData = new pkijs.SignedData({ schema: contentInfo.content });
		const signerInfo = signedData.signerInfos[0];
		if (!signerInfo?.signedAttrs) return { ...facts, problem: m.pub_seal_problem_no_signed_attributes() };
		const hash = HASHES[signerInfo.digestAlgorithm.algorithmId];
		if (!hash) return { ...facts, problem: m.pub_seal_problem_unknown_hash() };
		const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
		const digest = createHash(hash).update(signedBytes).digest();
		const messageDigest = attributeValue(signerInfo, CMS_OID.messageDigest);
		const digestMatches = messageDigest instanceof asn1js.OctetString && Buffer.from(messageDigest.getValue()).equals(digest);
		const certificate = signerCertificate(signedData, signerInfo);
		// The signature covers the DER of the attributes as a SET (tag 0x31), not as [0].
		const attributes = Buffer.from(signerInfo.signedAttrs.encodedValue);
		attributes[0] = 0x31;
		const signatureValid = certificate ? verify(hash, attributes, certificate.publicKey, Buffer.from(signerInfo.signature.getValue())) : false;
		return {
			...facts,
			digestMatches,
			signatureValid,
			valid: coversWholeFile && digestMatches && signatureValid,
			timestampTime: timestampTime(signerInfo),
			certificate: certificate ? certificateFacts(certificate) : null,
			problem: certificate ? null : m.pub_seal_problem_no_certificate()
		};
	} catch {
		return { ...facts, problem: m.pub_seal_problem_unreadable() };
	}
}
