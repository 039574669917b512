import { and, eq, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { db, type Executor } from '../db';
import { recoveryCodes, sessions, totpCredentials, users } from '../db/schema';
import { AppError } from '../errors';
import { constantTimeEqual, generateId, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS, resetRateLimit } from './rate-limit';
import { openTotpKey, sealTotpKey } from './totp-key';
import { recoveryCodesRegeneratedMail, twoFactorChangedMail } from '../mail/templates';
import { ownRequestLocale } from '../mail/reader-locale';
import { runCommand } from '../commands/run-command';
import { m } from '$lib/paraglide/messages.js';

/** RFC 6238 as every authenticator app reads it: SHA-1, 30 seconds, 6 digits. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side, for clocks a little off (RFC 6238 section 5.2). */
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ISSUER = 'Undersigned';

export type TotpCredential = typeof totpCredentials.$inferSelect;

function timeStep(now = Date.now()): number {
	return Math.floor(now / 1000 / PERIOD_SECONDS);
}

export async function findTotpCredential(userId: string, executor: Executor = db()): Promise<TotpCredential | undefined> {
	const [row] = await executor.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
	return row;
}

/** Whether the account has a confirmed second factor. */
export async function hasSecondFactor(userId: string, executor: Executor = db()): Promise<boolean> {
	const row = await findTotpCredential(userId, executor);
	return row?.confirmedAt != null;
}

/** The time step whose code `code` is, within the allowed drift, or null. */
function matchStep(key: Uint8Array, code: string, now = Date.now()): number | null {
	const current = timeStep(now);
	for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
		if (constantTimeEqual(generateHOTP(key, BigInt(step), DIGITS), code)) return step;
	}
	return null;
}

/** 16 characters from a 32-letter alphabet (80 bits), shown in groups of four. */
function generateRecoveryCode(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
	return chars.match(/.{4}/g)!.join('-');
}

function normaliseRecoveryCode(typed: string): string {
	return typed.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 32);
}

export interface TotpEnrolment {
	/** The key in base32, for typing into an app by hand. */
	keyText: string;
	uri: string;
	/** The otpauth:// URI as an SVG QR code, in a data: URL (allowed by the CSP's img-src). */
	qrDataUrl: string;
}

async function describeEnrolment(row: TotpCredential, email: string): Promise<TotpEnrolment> {
	const key = openTotpKey(row.key, row.userId);
	const uri = createTOTPKeyURI(ISSUER, email, key, PERIOD_SECONDS, DIGITS);
	const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { keyText: encodeBase32UpperCaseNoPadding(key), uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The enrolment waiting for its first code, if any. */
export async function findTotpEnrolment(user: { id: string; email: string }): Promise<TotpEnrolment | null> {
	const row = await findTotpCredential(user.id);
	if (!row || row.confirmedAt) return null;
	return describeEnrolment(row, user.email);
}

/** Starts enrolment with a new random 160-bit key (RFC 4226's recommended length); refused if one is on. */
export async function startTotpEnrolment(userId: string): Promise<void> {
	if (await hasSecondFactor(userId)) throw new AppError('conflict', m.auth_two_factor_already_on());
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	const sealed = sealTotpKey(key, userId);
	await db()
		.insert(totpCredentials)
		.values({ userId, key: sealed })
		.onConflictDoUpdate({ target: totpCredentials.userId, set: { key: sealed, createdAt: new Date() }, where: isNull(totpCredentials.confirmedAt) });
}

async function countTry(userId: string, clientAddress: string) {
	await consumeRateLimit(`code:address:${clientAddress}`, LIMITS.codePerAddress);
	await consumeRateLimit(`2fa:account:${userId}`, LIMITS.secondFactorPerAccount);
}

/**
 * Accepts the code once: the step moves forward only if it is later than the last
 * step used, in one conditional update, so the same code (or an older one) sent
 * twice, even at the same moment, passes once (AU7).
 */
async function useTotpStep(userId: string, step: number, executor: Executor): Promise<boolean> {
	const used = await executor
		.update(totpCredentials)
		.set({ lastUsedStep: step })
		.where(and(eq(totpCredentials.userId, userId), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))))
		.returning({ userId: totpCredentials.userId });
	return used.length > 0;
}

/**
 * Confirms enrolment with a first code; returns the ten recovery codes, shown once.
 * The account's other sessions end: they were opened without the second factor
 * (ASVS 3.3.3).
 */
export async function confirmTotpEnrolment(options: { userId: string; sessionId: string; code: string; clientAddress: string }): Promise<string[]> {
	await countTry(options.userId, options.clientAddress);
	const row = await findTotpCredential(options.userId);
	if (!row || row.confirmedAt) throw new AppError('invalid', m.auth_two_factor_no_setup());
	const step = matchStep(openTotpKey(row.key, row.userId), options.code.replace(/\s/g, ''));
	if (step === null) throw new AppError('invalid', m.auth_two_factor_wrong_setup_code(), { field: 'code' });
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
	await runCommand(async (ctx) => {
		const confirmed = await ctx.tx
			.update(totpCredentials)
			.set({ confirmedAt: new Date(), lastUsedStep: step })
			.where(and(eq(totpCredentials.userId, row.userId), isNull(totpCredentials.confirmedAt), eq(totpCredentials.key, row.key)))
			.returning({ userId: totpCredentials.userId });
		if (confirmed.length === 0) throw new AppError('conflict', m.auth_two_factor_setup_changed());
		await ctx.tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, row.userId));
		await ctx.tx.delete(sessions).where(and(eq(sessions.userId, row.userId), ne(sessions.id, options.sessionId)));
		await ctx.tx.insert(recoveryCodes).values(codes.map((code) => ({ id: generateId(), userId: row.userId, codeHash: hashSecret(normaliseRecoveryCode(code)) })));
		const [user] = await ctx.tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, row.userId));
		if (user) await ctx.queueMail({ kind: 'two_factor_changed', message: twoFactorChangedMail(user.email, user.name, true, ownRequestLocale(user.locale)) });
	});
	await resetRateLimit(`2fa:account:${options.userId}`);
	return codes;
}

/**
 * Checks a second-factor code: a 6-digit TOTP code, or (unless `totpOnly`) a recovery
 * code, which is then used up. Five tries per account, then a pause (AU7).
 */
export async function verifySecondFactor(options: {
	userId: string;
	code: string;
	clientAddress: string;
	totpOnly?: boolean;
}): Promise<{ method: 'totp' | 'recovery_code' }> {
	await countTry(options.userId, options.clientAddress);
	const row = await findTotpCredential(options.userId);
	if (!row?.confirmedAt) throw new AppError('invalid', m.auth_two_factor_wrong_code(), { field: 'code' });
	const typed = options.code.replace(/\s/g, '');
	let method: 'totp' | 'recovery_code' | null = null;
	if (/^\d{6}$/.test(typed)) {
		const step = matchStep(openTotpKey(row.key, row.userId), typed);
		if (step !== null && (await useTotpStep(row.userId, step, db()))) method = 'totp';
	} else if (!options.totpOnly) {
		const used = await db()
			.update(recoveryCodes)
			.set({ usedAt: new Date() })
			.where(and(eq(recoveryCodes.userId, row.userId), eq(recoveryCodes.codeHash, hashSecret(normaliseRecoveryCode(typed))), isNull(recoveryCodes.usedAt)))
			.returning({ id: recoveryCodes.id });
		if (used.length > 0) method = 'recovery_code';
	}
	if (!method) throw new AppError('invalid', m.auth_two_factor_wrong_code(), { field: 'code' });
	await resetRateLimit(`2fa:account:${options.userId}`);
	return { method };
}

export async function countUnusedRecoveryCodes(userId: string): Promise<number> {
	const [row] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	return row?.n ?? 0;
}

/**
 * New recovery codes replace all the old ones, used or not (leftover of issue 10);
 * the caller has required the password or a current code entered now (AU8). The
 * account's address is told, as for every change to the second factor.
 */
export async function regenerateRecoveryCodes(userId: string): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
	await runCommand(async (ctx) => {
		const [credential] = await ctx.tx
			.select({ userId: totpCredentials.userId })
			.from(totpCredentials)
			.where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)))
			.for('update');
		if (!credential) throw new AppError('invalid', m.auth_two_factor_not_on());
		await ctx.tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await ctx.tx.insert(recoveryCodes).values(codes.map((code) => ({ id: generateId(), userId, codeHash: hashSecret(normaliseRecoveryCode(code)) })));
		const [user] = await ctx.tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
		if (user) await ctx.queueMail({ kind: 'two_factor_changed', message: recoveryCodesRegeneratedMail(user.email, user.name, ownRequestLocale(user.locale)) });
	});
	return codes;
}

/** Turns the second factor off; the caller has required a fresh step-up (AU8). */
export async function disableSecondFactor(userId: string): Promise<void> {
	await runCommand(async (ctx) => {
		const removed = await ctx.tx
			.delete(totpCredentials)
			.where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)))
			.returning({ userId: totpCredentials.userId });
		if (removed.length === 0) throw new AppError('invalid', m.auth_two_factor_not_on());
		await ctx.tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		const [user] = await ctx.tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
		if (user) await ctx.queueMail({ kind: 'two_factor_changed', message: twoFactorChangedMail(user.email, user.name, false, ownRequestLocale(user.locale)) });
	});
}
