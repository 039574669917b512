import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { loadPemSealKey, type SealKey } from './seal-key';

export const DEVELOPMENT_SEAL_NAME = 'Undersigned development seal (not for real letters)';

/**
 * A self-signed RSA-2048 seal certificate, valid for ten years from `now`, written as
 * `<name>.key.pem` (mode 0600) and `<name>.cert.pem` into `dir`. Key generation is
 * Node's; node-forge only builds and signs the certificate.
 */
export function generateSelfSignedSeal(options: { dir: string; name: string; commonName: string; now?: Date }): { keyFile: string; certFile: string } {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const certificate = forge.pki.createCertificate();
	certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
	// A positive serial: the top bit cleared.
	certificate.serialNumber = '01' + randomBytes(15).toString('hex');
	const now = options.now ?? new Date();
	certificate.validity.notBefore = new Date(now.getTime() - 60_000);
	certificate.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
	const subject = [
		{ name: 'commonName', value: options.commonName },
		{ name: 'organizationName', value: 'Undersigned' }
	];
	certificate.setSubject(subject);
	certificate.setIssuer(subject);
	certificate.setExtensions([
		{ name: 'basicConstraints', cA: false, critical: true },
		{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	certificate.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
	fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
	const keyFile = path.join(options.dir, `${options.name}.key.pem`);
	const certFile = path.join(options.dir, `${options.name}.cert.pem`);
	fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
	fs.writeFileSync(certFile, forge.pki.certificateToPem(certificate));
	return { keyFile, certFile };
}

/** The development seal under DATA_DIR/seal, generated on first start and reused afterwards. */
export function developmentSeal(dataDir: string): SealKey {
	const dir = path.join(dataDir, 'seal');
	const keyFile = path.join(dir, 'development-seal.key.pem');
	const certFile = path.join(dir, 'development-seal.cert.pem');
	if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
		generateSelfSignedSeal({ dir, name: 'development-seal', commonName: DEVELOPMENT_SEAL_NAME });
	}
	return loadPemSealKey(keyFile, certFile);
}
