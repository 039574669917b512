import path from 'node:path';
import { generateSelfSignedSeal } from '../../src/lib/server/seal/development-seal';
import { loadPemSealKey } from '../../src/lib/server/seal/seal-key';
import type { InstanceSeal } from '../../src/lib/server/seal/instance-seal';

export const TEST_SEAL_NAME = 'Undersigned test seal';

/**
 * A self-signed RSA seal generated for this test run under `dataDir` (never a
 * committed key), as the SEAL_KEY_FILE and SEAL_CERT_FILE settings of the test app.
 */
export function testSealFiles(dataDir: string): { SEAL_KEY_FILE: string; SEAL_CERT_FILE: string } {
	const { keyFile, certFile } = generateSelfSignedSeal({ dir: path.join(dataDir, 'test-seal'), name: 'test-seal', commonName: TEST_SEAL_NAME });
	return { SEAL_KEY_FILE: keyFile, SEAL_CERT_FILE: certFile };
}

/** The test app's seal as the server loaded it, for re-sealing in tests. */
export function testAppSeal(): InstanceSeal {
	const keyFile = process.env.SEAL_KEY_FILE;
	const certFile = process.env.SEAL_CERT_FILE;
	if (!keyFile || !certFile) throw new Error('startTestApp has not made the test seal yet');
	return { key: loadPemSealKey(keyFile, certFile), tsaUrl: undefined, development: false };
}

/** Another seal, as after a key rotation. */
export function otherSeal(dir: string, commonName: string): InstanceSeal {
	const { keyFile, certFile } = generateSelfSignedSeal({ dir, name: 'other-seal', commonName });
	return { key: loadPemSealKey(keyFile, certFile), tsaUrl: undefined, development: false };
}
