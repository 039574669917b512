import { settings, SettingsError, type Settings } from '../env';
import { log } from '../log';
import { developmentSeal } from './development-seal';
import { loadP12SealKey, loadPemSealKey, type SealKey } from './seal-key';

/** The seal this instance publishes with, or null: PDFs are published unsealed. */
export interface InstanceSeal {
	key: SealKey;
	/** PAdES B-T when set: the seal gets an RFC 3161 signature timestamp. */
	tsaUrl: string | undefined;
	development: boolean;
}

/**
 * Opens the configured seal key and checks it (a wrong passphrase, a key that is not
 * RSA or a certificate of another key stop start-up, like any bad setting). Without
 * a setting, a development server uses a generated development seal; a production
 * server returns null and publishes unsealed letters, which the verification page
 * says are unsealed (see README "The seal").
 */
export function loadInstanceSeal(s: Pick<Settings, 'seal' | 'dataDir'>, options: { dev: boolean }): InstanceSeal | null {
	const { seal } = s;
	try {
		if (seal.p12File) return { key: loadP12SealKey(seal.p12File, seal.p12Passphrase), tsaUrl: seal.tsaUrl, development: false };
		if (seal.keyFile && seal.certFile) {
			return { key: loadPemSealKey(seal.keyFile, seal.certFile, seal.keyPassphrase), tsaUrl: seal.tsaUrl, development: false };
		}
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new SettingsError([`the seal key (SEAL_P12_FILE or SEAL_KEY_FILE/SEAL_CERT_FILE) cannot be used: ${reason}`]);
	}
	if (options.dev) return { key: developmentSeal(s.dataDir), tsaUrl: seal.tsaUrl, development: true };
	return null;
}

let current: InstanceSeal | null | undefined;

/** Called once at start-up (hooks/init.ts); says in the log what the PDFs will carry. */
export function startInstanceSeal(options: { dev: boolean }): InstanceSeal | null {
	current = loadInstanceSeal(settings(), options);
	if (!current) {
		log.warn('seal: no SEAL_P12_FILE or SEAL_KEY_FILE/SEAL_CERT_FILE, so letters are published UNSEALED (the verification page says so)');
	} else {
		const certificate = current.key.chain[0]!;
		const level = current.tsaUrl ? 'PAdES B-T' : 'PAdES B-B';
		log.info(`seal: ${level} with ${certificate.subject.replaceAll('\n', ', ')} (SHA-256 ${current.key.fingerprint}, valid to ${certificate.validTo})`);
		if (new Date(certificate.validTo) < new Date()) log.warn('seal: the seal certificate has expired; PDF readers will say so');
	}
	return current;
}

/** The seal publications are made with now. */
export function instanceSeal(): InstanceSeal | null {
	if (current === undefined) current = loadInstanceSeal(settings(), { dev: !settings().production });
	return current;
}
