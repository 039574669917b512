import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import forge from 'node-forge';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function tsaCertificate(privateKey: KeyObject): pkijs.Certificate {
	const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
	const certificate = forge.pki.createCertificate();
	certificate.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
	certificate.serialNumber = '02';
	certificate.validity.notBefore = new Date(Date.now() - 60_000);
	certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
	certificate.setSubject([{ name: 'commonName', value: 'Test timestamp authority' }]);
	certificate.setIssuer([{ name: 'commonName', value: 'Test timestamp authority' }]);
	certificate.setExtensions([{ name: 'extKeyUsage', timeStamping: true, critical: true }]);
	certificate.sign(forgeKey, forge.md.sha256.create());
	return pkijs.Certificate.fromBER(arrayBuffer(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary')));
}

/** A token for one request: TSTInfo signed by the authority's key (RSA PKCS#1 v1.5, SHA-256). */
function token(request: pkijs.TimeStampReq, privateKey: KeyObject, certificate: pkijs.Certificate, serial: number): pkijs.ContentInfo {
	const info = new pkijs.TSTInfo({
		version: 1,
		policy: '1.3.6.1.4.1.99999.1',
		messageImprint: request.messageImprint,
		serialNumber: new asn1js.Integer({ value: serial }),
		genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
		nonce: request.nonce
	});
	const infoDer = info.toSchema().toBER();
	const attributes = [
		new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: TST_INFO })] }),
		new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: arrayBuffer(createHash('sha256').update(Buffer.from(infoDer)).digest()) })] })
	];
	const signature = sign('sha256', Buffer.from(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER()), privateKey);
	const signedData = new pkijs.SignedData({
		version: 3,
		digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' })],
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: TST_INFO, eContent: new asn1js.OctetString({ valueHex: infoDer }) }),
		certificates: [certificate],
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
				digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
				signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
				signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() }),
				signature: new asn1js.OctetString({ valueHex: arrayBuffer(signature) })
			})
		]
	});
	return new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
}

/**
 * A minimal RFC 3161 timestamp authority on 127.0.0.1, inside the test process (tests
 * never reach outside hosts). It grants every well-formed request.
 */
export async function startTestTsa(): Promise<{ url: string; requests: number; close(): Promise<void> }> {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const certificate = tsaCertificate(privateKey);
	const state = { requests: 0 };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			state.requests += 1;
			const request = pkijs.TimeStampReq.fromBER(arrayBuffer(Buffer.concat(chunks)));
			const response = new pkijs.TimeStampResp({
				status: new pkijs.PKIStatusInfo({ status: 0 }),
				timeStampToken: token(request, privateKey, certificate, state.requests)
			});
			res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
			res.end(Buffer.from(response.toSchema().toBER()));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the test TSA has no port');
	return {
		url: `http://127.0.0.1:${address.port}/tsa`,
		get requests() {
			return state.requests;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
