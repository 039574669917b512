import { and, desc, eq, isNull } from 'drizzle-orm';
import { db } from '../db';
import { passwordResets, sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from './rate-limit';
import { checkPasswordStrength, hashPassword } from './password';
import { findUserByEmail } from './users';
import { passwordResetMail } from '../mail/templates';
import { ownRequestLocale } from '../mail/reader-locale';
import { runCommand } from '../commands/run-command';
import { m } from '$lib/paraglide/messages.js';

const LIFETIME_MS = 60 * 60 * 1000;

export type PasswordReset = typeof passwordResets.$inferSelect;

/**
 * Mails a reset link if the address has an account. AU1: the caller answers the same
 * either way; the mail is queued in the outbox (a row written in the same transaction
 * as the reset), and the SMTP conversation happens in the outbox worker, so the
 * answer's timing does not depend on the mail server.
 */
export async function requestPasswordReset(options: { email: string; clientAddress: string; origin: string }) {
	await consumeRateLimit(`reset:address:${options.clientAddress}`, LIMITS.resetPerAddress);
	await consumeRateLimit(`reset:account:${options.email}`, LIMITS.resetPerAccount);
	const user = await findUserByEmail(options.email);
	if (!user) return;
	const token = generateToken();
	await runCommand(async (ctx) => {
		await ctx.tx.insert(passwordResets).values({
			id: generateId(),
			userId: user.id,
			email: user.email,
			tokenHash: hashSecret(token),
			expiresAt: new Date(Date.now() + LIFETIME_MS)
		});
		await ctx.queueMail({ kind: 'password_reset', message: passwordResetMail(user.email, user.name, `${options.origin}/reset-password/${token}`, ownRequestLocale(user.locale)) });
	});
}

/** AU4: finds a usable reset, with a clear message for used, superseded and expired links. */
export async function findPasswordReset(token: string): Promise<PasswordReset> {
	const [row] = await db().select().from(passwordResets).where(eq(passwordResets.tokenHash, hashSecret(token)));
	if (!row) throw new AppError('token_invalid', m.auth_reset_link_invalid());
	if (row.usedAt) throw new AppError('token_used', m.auth_reset_link_used_ask());
	const [latest] = await db()
		.select({ id: passwordResets.id })
		.from(passwordResets)
		.where(eq(passwordResets.userId, row.userId))
		.orderBy(desc(passwordResets.createdAt))
		.limit(1);
	if (latest?.id !== row.id) {
		throw new AppError('token_superseded', m.auth_reset_link_superseded());
	}
	if (row.expiresAt < new Date()) throw new AppError('token_expired', m.auth_reset_link_expired());
	const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, row.userId));
	// Bound to the address it was sent to: an address change since voids it.
	if (user?.email !== row.email) throw new AppError('token_invalid', m.auth_reset_link_no_longer_valid());
	return row;
}

/**
 * Sets a new password with a reset token: single use, signs out every session (AU4),
 * and confirms the address (the link proved it). Returns the user id.
 */
export async function resetPassword(options: { token: string; password: string }): Promise<string> {
	const row = await findPasswordReset(options.token);
	const problem = checkPasswordStrength(options.password, [row.email]);
	if (problem) throw new AppError('weak_password', problem, { field: 'password' });
	const passwordHash = await hashPassword(options.password);
	await db().transaction(async (tx) => {
		const used = await tx
			.update(passwordResets)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt)))
			.returning({ id: passwordResets.id });
		if (used.length === 0) throw new AppError('token_used', m.auth_reset_link_used());
		await tx.update(users).set({ passwordHash, emailVerified: true }).where(eq(users.id, row.userId));
		await tx.delete(sessions).where(eq(sessions.userId, row.userId));
	});
	return row.userId;
}
