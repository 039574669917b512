import path from 'node:path';

/**
 * Where the instance's seal key comes from (README "Settings", "The seal"). Either a
 * PKCS#12 file with its passphrase, or a PEM private key and a PEM certificate chain
 * (the seal certificate first). Neither: a development server generates a
 * "development seal" into DATA_DIR; a production server publishes unsealed letters.
 */
export interface SealSettings {
	p12File: string | undefined;
	p12Passphrase: string;
	keyFile: string | undefined;
	certFile: string | undefined;
	keyPassphrase: string | undefined;
	/** RFC 3161 timestamp authority; set, seals are PAdES B-T instead of B-B. */
	tsaUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
	const value = env[name]?.trim();
	return value ? value : undefined;
}

export function parseSealSettings(env: Env, problems: string[]): SealSettings {
	const p12File = optional(env, 'SEAL_P12_FILE');
	const keyFile = optional(env, 'SEAL_KEY_FILE');
	const certFile = optional(env, 'SEAL_CERT_FILE');
	const tsaUrl = optional(env, 'SEAL_TSA_URL');
	if (p12File && (keyFile || certFile)) problems.push('set either SEAL_P12_FILE or SEAL_KEY_FILE and SEAL_CERT_FILE, not both');
	if (Boolean(keyFile) !== Boolean(certFile)) problems.push('SEAL_KEY_FILE and SEAL_CERT_FILE go together: set both or neither');
	if (tsaUrl && !(URL.canParse(tsaUrl) && /^https?:$/.test(new URL(tsaUrl).protocol))) {
		problems.push('SEAL_TSA_URL must be an http:// or https:// URL of an RFC 3161 timestamp authority');
	}
	return {
		p12File: p12File && path.resolve(p12File),
		// The passphrase is used as given: spaces may be part of it.
		p12Passphrase: env.SEAL_P12_PASSPHRASE ?? '',
		keyFile: keyFile && path.resolve(keyFile),
		certFile: certFile && path.resolve(certFile),
		keyPassphrase: env.SEAL_KEY_PASSPHRASE || undefined,
		tsaUrl
	};
}
