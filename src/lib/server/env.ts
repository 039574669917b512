import path from 'node:path';
import { parseSealSettings, type SealSettings } from './seal/seal-settings';

/** Every setting the server reads, parsed once. See README "Settings". */
export interface Settings {
	databaseUrl: string | undefined;
	origin: string | undefined;
	smtpUrl: string | undefined;
	mailFrom: string;
	dataDir: string;
	migrationsDir: string;
	production: boolean;
	seal: SealSettings;
	/** 32 bytes that encrypt TOTP keys at rest (AES-256-GCM), from TOTP_ENCRYPTION_KEY in hex. */
	totpEncryptionKey: Uint8Array | undefined;
	/**
	 * Tests only (DOMAIN_CHECK_ALLOW_INSECURE=true, refused in production): the domain
	 * check may fetch over http, from loopback addresses, and from a host with a port,
	 * so a test can serve the token itself. Private and link-local addresses stay refused.
	 */
	domainCheckAllowInsecure: boolean;
}

export class SettingsError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Undersigned cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'SettingsError';
	}
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
	const value = env[name]?.trim();
	return value ? value : undefined;
}

function checkUrl(value: string | undefined, name: string, protocols: string[], problems: string[]) {
	if (value === undefined) return;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		problems.push(`${name} is not a URL (expected e.g. ${protocols[0]}//host)`);
		return;
	}
	if (!protocols.includes(url.protocol)) {
		problems.push(`${name} must start with ${protocols.join(' or ')} (got ${url.protocol})`);
	}
}

export function parseSettings(env: Env): Settings {
	const problems: string[] = [];
	const databaseUrl = optional(env, 'DATABASE_URL');
	const origin = optional(env, 'ORIGIN');
	const smtpUrl = optional(env, 'SMTP_URL');
	const mailFrom = optional(env, 'MAIL_FROM') ?? 'Undersigned <no-reply@undersigned.localhost>';
	checkUrl(databaseUrl, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
	checkUrl(origin, 'ORIGIN', ['http:', 'https:'], problems);
	checkUrl(smtpUrl, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
	if (origin && URL.canParse(origin) && new URL(origin).pathname !== '/') {
		problems.push('ORIGIN must be an origin without a path, e.g. https://letters.example.org');
	}
	if (!/^[^<>\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(mailFrom.slice(0, 320))) {
		problems.push('MAIL_FROM must be an address such as "Undersigned <letters@example.org>"');
	}
	const seal = parseSealSettings(env, problems);
	const totpKeyHex = optional(env, 'TOTP_ENCRYPTION_KEY');
	if (totpKeyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(totpKeyHex)) {
		problems.push('TOTP_ENCRYPTION_KEY must be 64 hexadecimal characters (32 bytes), e.g. from `openssl rand -hex 32`');
	}
	const domainCheckAllowInsecure = optional(env, 'DOMAIN_CHECK_ALLOW_INSECURE') === 'true';
	if (domainCheckAllowInsecure && env.NODE_ENV === 'production') {
		problems.push('DOMAIN_CHECK_ALLOW_INSECURE is for tests only and cannot be set in production');
	}
	if (problems.length > 0) throw new SettingsError(problems);
	return {
		databaseUrl,
		origin,
		smtpUrl,
		mailFrom,
		dataDir: path.resolve(optional(env, 'DATA_DIR') ?? '.data'),
		migrationsDir: path.resolve(optional(env, 'MIGRATIONS_DIR') ?? 'drizzle'),
		production: env.NODE_ENV === 'production',
		seal,
		totpEncryptionKey: totpKeyHex ? Uint8Array.from(Buffer.from(totpKeyHex, 'hex')) : undefined,
		domainCheckAllowInsecure
	};
}

let cached: Settings | undefined;

export function settings(): Settings {
	cached ??= parseSettings(process.env);
	return cached;
}

/**
 * A built server needs ORIGIN: without it adapter-node and our mail links would take
 * the origin from each request's Host header, so `Host: evil.example` could put a
 * reset link to another site into a real mail. Development keeps its default.
 */
export function checkOriginSetting(env: Env, options: { dev: boolean }): string[] {
	if (options.dev || optional(env, 'ORIGIN')) return [];
	return ['ORIGIN is required outside development: set it to the public address, e.g. ORIGIN=https://letters.example.org'];
}

/** Stops start-up of a built server that lacks a required setting, naming it. */
export function requireProductionSettings(options: { dev: boolean }): void {
	const problems = checkOriginSetting(process.env, options);
	if (problems.length === 0) return;
	console.error(new SettingsError(problems).message);
	process.exit(1);
}
