import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const SHA256 = '2.16.840.1.101.3.4.2.1';

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * An RFC 3161 TimeStampReq for a seal's signature value (the signature-time-stamp of
 * PAdES B-T covers the SignerInfo's signature): SHA-256 imprint, a random nonce
 * against replay, and certReq so the token carries the authority's certificate.
 */
export function buildTimestampRequest(signatureValue: Uint8Array, nonce: Uint8Array = randomBytes(8)): Buffer {
	const request = new pkijs.TimeStampReq({
		version: 1,
		messageImprint: new pkijs.MessageImprint({
			hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
			hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(signatureValue).digest()) })
		}),
		// Positive INTEGER: clear the top bit.
		nonce: new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from([nonce[0]! & 0x7f, ...nonce.subarray(1)])) }),
		certReq: true
	});
	return Buffer.from(request.toSchema().toBER());
}

/**
 * Reads a TimeStampResp: it must be granted and answer this request (same imprint
 * and nonce). Returns the token (a CMS ContentInfo) to embed.
 */
export function readTimestampResponse(response: Uint8Array, request: Uint8Array): Buffer {
	const parsed = pkijs.TimeStampResp.fromBER(toArrayBuffer(response));
	if (parsed.status.status > 1 || !parsed.timeStampToken) {
		throw new Error(`the timestamp authority refused the request (status ${parsed.status.status})`);
	}
	const asked = pkijs.TimeStampReq.fromBER(toArrayBuffer(request));
	const signedData = new pkijs.SignedData({ schema: parsed.timeStampToken.content });
	const content = signedData.encapContentInfo.eContent;
	if (!content) throw new Error('the timestamp token holds no TSTInfo');
	const info = pkijs.TSTInfo.fromBER(content.getValue());
	const sameImprint = Buffer.from(info.messageImprint.hashedMessage.getValue()).equals(Buffer.from(asked.messageImprint.hashedMessage.getValue()));
	const sameNonce = Boolean(info.nonce && asked.nonce && Buffer.from(info.nonce.valueBlock.valueHexView).equals(Buffer.from(asked.nonce.valueBlock.valueHexView)));
	if (!sameImprint || !sameNonce) throw new Error('the timestamp answers another request');
	return Buffer.from(parsed.timeStampToken.toSchema().toBER());
}

/** Asks the authority at `url` (HTTP POST, application/timestamp-query) for a token; 10 s at most. */
export async function requestTimestamp(url: string, signatureValue: Uint8Array): Promise<Buffer> {
	const request = buildTimestampRequest(signatureValue);
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
		body: new Uint8Array(request),
		signal: AbortSignal.timeout(10_000)
	});
	if (!response.ok) throw new Error(`the timestamp authority answered ${response.status}`);
	return readTimestampResponse(new Uint8Array(await response.arrayBuffer()), request);
}
