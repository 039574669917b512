import { createHash, sign as rsaSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SealKey } from './seal-key';

const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	sha256: '2.16.840.1.101.3.4.2.1',
	sha256WithRsa: '1.2.840.113549.1.1.11',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14'
} as const;

/*
 * The CMS is written as DER directly: its shape is fixed, and building it through
 * pkijs objects cost several milliseconds a seal, most of the time a seal takes.
 * pkijs still parses the certificate (once per key) and every seal we read back
 * (inspect-seal.ts); the tests read our output with pkijs and pdfsig.
 */
function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
	const body = Buffer.concat(contents);
	const n = body.length;
	const length: number[] = [];
	if (n < 0x80) length.push(n);
	else {
		for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
		length.unshift(0x80 | length.length);
	}
	return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

const sequence = (...contents: Uint8Array[]) => tlv(0x30, ...contents);
const set = (...contents: Uint8Array[]) => tlv(0x31, ...contents);
const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
const oid = (dotted: string) => Buffer.from(new asn1js.ObjectIdentifier({ value: dotted }).toBER());
const INTEGER_1 = Buffer.from([0x02, 0x01, 0x01]);
const NULL = Buffer.from([0x05, 0x00]);
/** SHA-2 algorithm identifiers go without parameters (RFC 5754). */
const SHA256_ALGORITHM = sequence(oid(OID.sha256));
const SHA256_WITH_RSA = sequence(oid(OID.sha256WithRsa), NULL);

function attribute(type: string, value: Uint8Array): Buffer {
	return sequence(oid(type), set(value));
}

/** What every seal by one key shares, computed once per key. */
interface KeyParts {
	/** IssuerAndSerialNumber: how the SignerInfo names the seal certificate. */
	sid: Buffer;
	signingCertificateV2: Buffer;
	contentType: Buffer;
	certificates: Buffer;
}

const keyParts = new WeakMap<SealKey, KeyParts>();

function partsOf(key: SealKey): KeyParts {
	const cached = keyParts.get(key);
	if (cached) return cached;
	const der = key.chain[0]!.raw;
	const certificate = pkijs.Certificate.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
	const issuer = Buffer.from(certificate.issuer.toSchema().toBER());
	const serial = Buffer.from(certificate.serialNumber.toBER());
	// ESS signing-certificate-v2 (RFC 5035), which PAdES requires: the certificate's
	// SHA-256 (the default hash, so DER leaves the algorithm out) with issuer
	// (GeneralNames holding a directoryName, [4]) and serial number.
	const essCertId = sequence(octets(createHash('sha256').update(der).digest()), sequence(sequence(tlv(0xa4, issuer)), serial));
	const parts = {
		sid: sequence(issuer, serial),
		signingCertificateV2: attribute(OID.signingCertificateV2, sequence(sequence(essCertId))),
		contentType: attribute(OID.contentType, oid(OID.data)),
		certificates: tlv(0xa0, ...key.chain.map((c) => c.raw))
	};
	keyParts.set(key, parts);
	return parts;
}

export interface SignedAttributes {
	/** Each attribute's DER, in DER's SET OF order. */
	attributes: Buffer[];
	/** The DER of the SET OF attributes: what the RSA signature covers. */
	der: Buffer;
}

/**
 * The signed attributes of a PAdES baseline seal (ETSI EN 319 142-1, 5.1): content
 * type, message digest and signing-certificate-v2, and no signing-time, which
 * PAdES forbids (the time is the signature dictionary's /M). Nothing here is random,
 * so the same file and key always give the same attributes and signature.
 */
export function signedAttributes(digest: Uint8Array, key: SealKey): SignedAttributes {
	const parts = partsOf(key);
	// DER orders the members of a SET OF by their encodings.
	const attributes = [parts.contentType, attribute(OID.messageDigest, octets(digest)), parts.signingCertificateV2].sort(Buffer.compare);
	return { attributes, der: set(...attributes) };
}

/** RSA PKCS#1 v1.5 with SHA-256: deterministic, unlike PSS or ECDSA. */
export function signAttributes(attributes: SignedAttributes, key: SealKey): Buffer {
	return rsaSign('sha256', attributes.der, key.privateKey);
}

/**
 * The CMS SignedData (RFC 5652) a PDF's /Contents holds for SubFilter
 * ETSI.CAdES.detached: detached content (the PDF's byte ranges), one signer
 * identified by issuer and serial number, the certificate chain, and optionally an
 * RFC 3161 signature timestamp as an unsigned attribute (B-T).
 */
export function buildCms(options: { key: SealKey; attributes: SignedAttributes; signature: Uint8Array; timestampToken?: Uint8Array }): Buffer {
	const parts = partsOf(options.key);
	const unsigned = options.timestampToken ? [tlv(0xa1, attribute(OID.signatureTimeStampToken, options.timestampToken))] : [];
	const signerInfo = sequence(
		INTEGER_1,
		parts.sid,
		SHA256_ALGORITHM,
		// [0] IMPLICIT: the same SET OF, tagged for its place in the SignerInfo.
		tlv(0xa0, ...options.attributes.attributes),
		SHA256_WITH_RSA,
		octets(options.signature),
		...unsigned
	);
	const signedData = sequence(INTEGER_1, set(SHA256_ALGORITHM), sequence(oid(OID.data)), parts.certificates, set(signerInfo));
	return sequence(oid(OID.signedData), tlv(0xa0, signedData));
}

export { OID as CMS_OID };
