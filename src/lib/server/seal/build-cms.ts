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

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function parseCertificate(der: Uint8Array): pkijs.Certificate {
	return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** The key's chain parsed once: parsing is most of the time a seal takes. */
const parsedChains = new WeakMap<SealKey, pkijs.Certificate[]>();

function parsedChain(key: SealKey): pkijs.Certificate[] {
	let chain = parsedChains.get(key);
	if (!chain) {
		chain = key.chain.map((certificate) => parseCertificate(certificate.raw));
		parsedChains.set(key, chain);
	}
	return chain;
}

function sha256Algorithm(): pkijs.AlgorithmIdentifier {
	return new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
}

/**
 * ESS signing-certificate-v2 (RFC 5035), which PAdES requires so the seal names the
 * certificate it was made with: its SHA-256 (the default hash, so the algorithm is
 * left out as DER asks) and the issuer and serial number.
 */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
	const issuerSerial = new asn1js.Sequence({
		value: [
			new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
			certificate.serialNumber
		]
	});
	const certId = new asn1js.Sequence({
		value: [new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(der).digest()) }), issuerSerial]
	});
	return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

/** DER orders the members of a SET OF by their encodings. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
	const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER()) }));
	return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((e) => e.attribute);
}

export interface SignedAttributes {
	attributes: pkijs.Attribute[];
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
	const leafDer = key.chain[0]!.raw;
	const leaf = parsedChain(key)[0]!;
	const attributes = derSorted([
		new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
		new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
		new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(leaf, leafDer)] })
	]);
	const set = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) });
	return { attributes, der: Buffer.from(set.toBER()) };
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
	const { key } = options;
	const leaf = parsedChain(key)[0]!;
	const signerInfo = new pkijs.SignerInfo({
		version: 1,
		sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
		digestAlgorithm: sha256Algorithm(),
		signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: options.attributes.attributes }),
		signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
		signature: new asn1js.OctetString({ valueHex: toArrayBuffer(options.signature) })
	});
	if (options.timestampToken) {
		const token = asn1js.fromBER(toArrayBuffer(options.timestampToken));
		if (token.offset === -1) throw new Error('the timestamp token is not DER');
		signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
			type: 1,
			attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [token.result] })]
		});
	}
	const signedData = new pkijs.SignedData({
		version: 1,
		digestAlgorithms: [sha256Algorithm()],
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
		certificates: parsedChain(key),
		signerInfos: [signerInfo]
	});
	const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
	return Buffer.from(contentInfo.toSchema().toBER());
}

export { OID as CMS_OID };
