import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { db } from '../db';
import { emailVerifications, sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { constantTimeEqual, generateCode, generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from './rate-limit';
import { verificationMail } from '../mail/templates';
import { ownRequestLocale } from '../mail/reader-locale';
import { runCommand, type CommandContext } from '../commands/run-command';
import { checkPasswordStrength, hashPassword } from './password';
import { m } from '$lib/paraglide/messages.js';

const LIFETIME_MS = 2 * 60 * 60 * 1000;

export type EmailVerification = typeof emailVerifications.$inferSelect;

/**
 * Starts a confirmation of `email` for the user: supersedes earlier pending ones,
 * stores the code and link token hashed, and queues a mail with both (in the
 * caller's command when given one, else in a command of its own).
 */
export async function startEmailVerification(options: {
	/** `locale`: the person's saved language, if they chose one (else the request's is used). */
	user: { id: string; name: string; locale?: string | null };
	email: string;
	redirectTo: string;
	origin: string;
}, ctx?: CommandContext): Promise<{ id: string }> {
	if (!ctx) return runCommand((own) => startEmailVerification(options, own));
	const code = generateCode();
	const token = generateToken();
	const id = generateId();
	await ctx.tx.insert(emailVerifications).values({
		id,
		userId: options.user.id,
		email: options.email,
		codeHash: hashSecret(code),
		tokenHash: hashSecret(token),
		redirectTo: options.redirectTo,
		expiresAt: new Date(Date.now() + LIFETIME_MS)
	});
	await ctx.queueMail({
		kind: 'email_verification',
		message: verificationMail(options.email, options.user.name, code, `${options.origin}/verify-email/${token}`, ownRequestLocale(options.user.locale))
	});
	return { id };
}

/** The user's newest verification, if it is still pending. */
export async function findPendingVerification(userId: string): Promise<EmailVerification | undefined> {
	const [latest] = await db()
		.select()
		.from(emailVerifications)
		.where(eq(emailVerifications.userId, userId))
		.orderBy(desc(emailVerifications.createdAt))
		.limit(1);
	if (!latest || latest.usedAt || latest.expiresAt < new Date()) return undefined;
	return latest;
}

async function isSuperseded(row: EmailVerification): Promise<boolean> {
	const [latest] = await db()
		.select({ id: emailVerifications.id })
		.from(emailVerifications)
		.where(eq(emailVerifications.userId, row.userId))
		.orderBy(desc(emailVerifications.createdAt))
		.limit(1);
	return latest?.id !== row.id;
}

/** AU4: tells a used, expired or superseded link apart, with a message for each. */
async function checkUsable(row: EmailVerification | undefined): Promise<EmailVerification> {
	if (!row) throw new AppError('token_invalid', m.auth_verification_link_invalid());
	if (row.usedAt) throw new AppError('token_used', m.auth_verification_link_used());
	if (await isSuperseded(row)) {
		throw new AppError('token_superseded', m.auth_verification_link_superseded());
	}
	if (row.expiresAt < new Date()) throw new AppError('token_expired', m.auth_verification_link_expired());
	return row;
}

export async function findVerificationByToken(token: string): Promise<EmailVerification> {
	const [row] = await db().select().from(emailVerifications).where(eq(emailVerifications.tokenHash, hashSecret(token)));
	return checkUsable(row);
}

/**
 * AU10: whether confirming this link must also set the account's password. An account
 * whose address was never confirmed has a password chosen by whoever signed up, who
 * may not own the address (pre-hijacking). Only the browser that signed up (it holds
 * the pending-verification cookie for this very confirmation) or a session of the
 * account keeps that password; anyone else who proves the address by the link chooses
 * a new one.
 */
export async function confirmationNeedsPassword(
	row: EmailVerification,
	browser: { pendingVerificationId: string | undefined; sessionUserId: string | undefined }
): Promise<boolean> {
	if (browser.pendingVerificationId === row.id || browser.sessionUserId === row.userId) return false;
	const [user] = await db().select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, row.userId));
	return user !== undefined && !user.emailVerified;
}

/**
 * Confirms by link token. Returns the user id and where to go next. `newPassword` is
 * required when confirmationNeedsPassword() says so (AU10).
 */
export async function confirmEmailByToken(options: {
	token: string;
	newPassword: string | undefined;
	pendingVerificationId: string | undefined;
	session: { id: string; userId: string } | null;
}): Promise<{ userId: string; redirectTo: string }> {
	const row = await findVerificationByToken(options.token);
	const browser = { pendingVerificationId: options.pendingVerificationId, sessionUserId: options.session?.userId };
	if (!(await confirmationNeedsPassword(row, browser))) return applyVerification(row, { keepSessionId: options.session?.id });
	if (!options.newPassword) {
		throw new AppError('invalid', m.auth_verification_choose_password(), { field: 'password' });
	}
	const problem = checkPasswordStrength(options.newPassword, [row.email]);
	if (problem) throw new AppError('weak_password', problem, { field: 'password' });
	const passwordHash = await hashPassword(options.newPassword);
	return applyVerification(row, { passwordHash });
}

/** Confirms by typed code for a known pending verification (AU2: 5 tries per 15 minutes). */
export async function confirmEmailByCode(options: {
	verificationId: string;
	code: string;
	clientAddress: string;
	/** The session of the browser typing the code, if any: kept when other sessions end. */
	sessionId?: string;
}): Promise<{ userId: string; redirectTo: string }> {
	await consumeRateLimit(`code:address:${options.clientAddress}`, LIMITS.codePerAddress);
	await consumeRateLimit(`code:verification:${options.verificationId}`, LIMITS.codePerRequest);
	const [row] = await db().select().from(emailVerifications).where(eq(emailVerifications.id, options.verificationId));
	const typed = options.code.trim().toUpperCase().replace(/[\s-]/g, '').slice(0, 32);
	if (!row || row.usedAt || row.expiresAt < new Date() || !constantTimeEqual(row.codeHash, hashSecret(typed))) {
		throw new AppError('invalid', m.auth_verification_wrong_code());
	}
	await checkUsable(row);
	return applyVerification(row, { keepSessionId: options.sessionId });
}

/**
 * Marks the confirmation used and moves the address onto the account. The first
 * confirmation of an account (AU10) ends every session but `keepSessionId`, so a
 * session opened with a password chosen before the owner confirmed does not live on,
 * and sets `passwordHash` when the confirming person chose a new password.
 */
async function applyVerification(
	row: EmailVerification,
	options: { keepSessionId?: string; passwordHash?: string }
): Promise<{ userId: string; redirectTo: string }> {
	return db().transaction(async (tx) => {
		const used = await tx
			.update(emailVerifications)
			.set({ usedAt: new Date() })
			.where(and(eq(emailVerifications.id, row.id), isNull(emailVerifications.usedAt)))
			.returning({ id: emailVerifications.id });
		if (used.length === 0) throw new AppError('token_used', m.auth_verification_already_used());
		const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
		if (taken && taken.id !== row.userId) {
			throw new AppError('conflict', m.auth_verification_email_taken());
		}
		const [user] = await tx.select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, row.userId)).for('update');
		if (!user) throw new AppError('not_found', m.auth_verification_account_gone());
		const change = options.passwordHash ? { email: row.email, emailVerified: true, passwordHash: options.passwordHash } : { email: row.email, emailVerified: true };
		await tx.update(users).set(change).where(eq(users.id, row.userId));
		if (!user.emailVerified || options.passwordHash) {
			const others = options.keepSessionId ? and(eq(sessions.userId, row.userId), ne(sessions.id, options.keepSessionId)) : eq(sessions.userId, row.userId);
			await tx.delete(sessions).where(others);
		}
		return { userId: row.userId, redirectTo: row.redirectTo };
	});
}
