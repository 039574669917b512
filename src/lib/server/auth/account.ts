import { eq } from 'drizzle-orm';
import { db } from '../db';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { consumeRateLimit, LIMITS } from './rate-limit';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password';
import { invalidateUserSessions, markSessionAuthenticated } from './session';
import { findUserById } from './users';
import { startEmailVerification } from './email-verification';
import { emailChangeNoticeMail, passwordChangedMail } from '../mail/templates';
import { ownRequestLocale } from '../mail/reader-locale';
import { assertPrintable } from '../pdf/printable';
import { runCommand } from '../commands/run-command';
import { m } from '$lib/paraglide/messages.js';

async function requireCurrentPassword(userId: string, password: string, clientAddress: string) {
	await consumeRateLimit(`signin:address:${clientAddress}`, LIMITS.signInPerAddress);
	await consumeRateLimit(`signin:account-id:${userId}`, LIMITS.signInPerAccount);
	const user = await findUserById(userId);
	if (!user) throw new AppError('not_found', m.auth_account_gone());
	if (!(await verifyPassword(user.passwordHash, password))) {
		throw new AppError('wrong_password', m.auth_account_wrong_current_password(), { field: 'currentPassword' });
	}
	return user;
}

export async function changeName(userId: string, name: string): Promise<void> {
	assertPrintable(name);
	await db().update(users).set({ name }).where(eq(users.id, userId));
}

/** SE4: a new password ends every other session; this one stays and counts as re-authenticated. */
export async function changePassword(options: {
	userId: string;
	sessionId: string;
	currentPassword: string;
	newPassword: string;
	clientAddress: string;
}): Promise<void> {
	const user = await requireCurrentPassword(options.userId, options.currentPassword, options.clientAddress);
	const problem = checkPasswordStrength(options.newPassword, [user.email, user.name]);
	if (problem) throw new AppError('weak_password', problem, { field: 'newPassword' });
	const passwordHash = await hashPassword(options.newPassword);
	await runCommand(async (ctx) => {
		await ctx.tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
		await ctx.queueMail({ kind: 'password_changed', message: passwordChangedMail(user.email, user.name, ownRequestLocale(user.locale)) });
	});
	await invalidateUserSessions(user.id, options.sessionId);
	await markSessionAuthenticated(options.sessionId);
}

/** The new address takes effect only once confirmed; the old one is told. */
export async function requestEmailChange(options: {
	userId: string;
	currentPassword: string;
	newEmail: string;
	clientAddress: string;
	origin: string;
}): Promise<void> {
	const user = await requireCurrentPassword(options.userId, options.currentPassword, options.clientAddress);
	if (options.newEmail === user.email) throw new AppError('invalid', m.auth_account_same_email(), { field: 'email' });
	await consumeRateLimit(`mail:account:${user.id}`, LIMITS.mailPerAccount);
	await runCommand(async (ctx) => {
		await startEmailVerification({ user, email: options.newEmail, redirectTo: '/account', origin: options.origin }, ctx);
		await ctx.queueMail({ kind: 'email_change_notice', message: emailChangeNoticeMail(user.email, user.name, ownRequestLocale(user.locale)) });
	});
}
