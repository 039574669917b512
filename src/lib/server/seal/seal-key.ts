import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import forge from 'node-forge';

/** The key and certificates an instance seals with; the seal certificate is chain[0]. */
export interface SealKey {
	privateKey: KeyObject;
	chain: X509Certificate[];
	/** SHA-256 of the seal certificate's DER, lower-case hex: how a publication names it. */
	fingerprint: string;
}

export class SealKeyError extends Error {}

/** PEM certificates in a file, in order. */
export function readPemCertificates(pem: string): X509Certificate[] {
	const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
	return blocks.map((block) => new X509Certificate(block));
}

export function certificateFingerprint(certificate: X509Certificate): string {
	return certificate.fingerprint256.replaceAll(':', '').toLowerCase();
}

/**
 * Checks what a seal key must be: an RSA key of at least 2048 bits, because RSA
 * PKCS#1 v1.5 signatures are deterministic and every PDF reader checks them (ECDSA
 * in Node draws a random nonce, so the same letter would not give the same bytes);
 * and a certificate that belongs to the key.
 */
export function checkSealKey(privateKey: KeyObject, chain: X509Certificate[]): SealKey {
	if (privateKey.asymmetricKeyType !== 'rsa') {
		throw new SealKeyError(`the seal key must be an RSA key (got ${privateKey.asymmetricKeyType ?? 'unknown'}): RSA PKCS#1 v1.5 keeps sealed PDFs reproducible`);
	}
	const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
	if (bits < 2048) throw new SealKeyError(`the seal key must have at least 2048 bits (got ${bits})`);
	const leafIndex = chain.findIndex((certificate) => certificate.checkPrivateKey(privateKey));
	if (leafIndex < 0) throw new SealKeyError('no certificate given belongs to the seal key');
	const leaf = chain[leafIndex]!;
	const ordered = [leaf, ...chain.filter((_, i) => i !== leafIndex)];
	return { privateKey, chain: ordered, fingerprint: certificateFingerprint(leaf) };
}

export function loadPemSealKey(keyFile: string, certFile: string, passphrase?: string): SealKey {
	const privateKey = createPrivateKey({ key: fs.readFileSync(keyFile), format: 'pem', passphrase });
	const chain = readPemCertificates(fs.readFileSync(certFile, 'utf8'));
	if (chain.length === 0) throw new SealKeyError(`${certFile} holds no PEM certificate`);
	return checkSealKey(privateKey, chain);
}

/** PKCS#12 is read with node-forge: Node's crypto cannot open it (legacy PBE ciphers included). */
export function loadP12SealKey(p12File: string, passphrase: string): SealKey {
	let p12: forge.pkcs12.Pkcs12Pfx;
	try {
		const asn1 = forge.asn1.fromDer(forge.util.createBuffer(fs.readFileSync(p12File).toString('binary')));
		p12 = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
	} catch {
		throw new SealKeyError(`${p12File} cannot be opened: not a PKCS#12 file, or SEAL_P12_PASSPHRASE is wrong`);
	}
	const keyBags = [
		...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
		...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [])
	];
	const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
	const key = keyBags.find((bag) => bag.key)?.key;
	if (!key) throw new SealKeyError(`${p12File} holds no RSA private key`);
	const chain = certBags.flatMap((bag) => (bag.cert ? [new X509Certificate(forge.pki.certificateToPem(bag.cert))] : []));
	return checkSealKey(createPrivateKey(forge.pki.privateKeyToPem(key)), chain);
}
