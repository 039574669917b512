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
	/** AV6: what a new or small coalition may send until an instance administrator lifts its limits. */
	sendingLimits: SendingLimitSettings;
	/** Confirmed addresses of the instance administrators (lower-cased), from INSTANCE_ADMIN_EMAILS. */
	instanceAdminEmails: string[];
	/** Envelope sender (Return-Path) of distribution mail, where bounces go; MAIL_BOUNCE_ADDRESS. */
	mailBounceAddress: string | undefined;
	/** Where recipients may complain about a letter, named in every distribution mail; MAIL_COMPLAINTS_ADDRESS. */
	mailComplaintsAddress: string | undefined;
}

export interface SendingLimitSettings {
	/** A coalition younger than this many days is new (NEW_COALITION_DAYS). */
	newCoalitionDays: number;
	/** A coalition with fewer member organisations than this is small (NEW_COALITION_MIN_ORGANISATIONS). */
	minOrganisations: number;
	/** Recipients with an e-mail address one letter of a new or small coalition may have. */
	maxRecipientsPerLetter: number;
	/** Distribution messages a new or small coalition may queue in any 24 hours. */
	maxMessagesPerDay: number;
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
	const sendingLimits: SendingLimitSettings = {
		newCoalitionDays: whole(env, 'NEW_COALITION_DAYS', 14, problems),
		minOrganisations: whole(env, 'NEW_COALITION_MIN_ORGANISATIONS', 3, problems),
		maxRecipientsPerLetter: whole(env, 'NEW_COALITION_MAX_RECIPIENTS_PER_LETTER', 50, problems),
		maxMessagesPerDay: whole(env, 'NEW_COALITION_MAX_MESSAGES_PER_DAY', 200, problems)
	};
	const instanceAdminEmails = (optional(env, 'INSTANCE_ADMIN_EMAILS') ?? '')
		.split(',')
		.map((a) => a.trim().toLowerCase())
		.filter(Boolean);
	for (const address of instanceAdminEmails) {
		if (!PLAIN_ADDRESS.test(address)) problems.push(`INSTANCE_ADMIN_EMAILS must be a comma-separated list of addresses (got "${address.slice(0, 80)}")`);
	}
	const mailBounceAddress = optional(env, 'MAIL_BOUNCE_ADDRESS');
	if (mailBounceAddress && !PLAIN_ADDRESS.test(mailBounceAddress)) problems.push('MAIL_BOUNCE_ADDRESS must be a plain address such as bounces@example.org');
	const mailComplaintsAddress = optional(env, 'MAIL_COMPLAINTS_ADDRESS');
	if (mailComplaintsAddress && !PLAIN_ADDRESS.test(mailComplaintsAddress)) problems.push('MAIL_COMPLAINTS_ADDRESS must be a plain address such as abuse@example.org');
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
		domainCheckAllowInsecure,
		sendingLimits,
		instanceAdminEmails,
		mailBounceAddress,
		mailComplaintsAddress
	};
}

/** A bare address, no display name: what SMTP's MAIL FROM and a mailto: link take. */
const PLAIN_ADDRESS = /^[^@\s<>",;]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/** A whole number setting from 0 to a million, or its default when unset. */
function whole(env: Env, name: string, fallback: number, problems: string[]): number {
	const value = optional(env, name);
	if (value === undefined) return fallback;
	if (!/^[0-9]{1,7}$/.test(value) || Number(value) > 1_000_000) {
		problems.push(`${name} must be a whole number from 0 to 1000000 (got "${value.slice(0, 20)}")`);
		return fallback;
	}
	return Number(value);
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
