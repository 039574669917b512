import { AppError } from '../errors';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { verifyPassword } from '../auth/password';
import { markSessionAuthenticated, type AuthenticationMethod, type Session } from '../auth/session';
import { findUserById } from '../auth/users';
import { hasSecondFactor, verifySecondFactor } from '../auth/two-factor';
import { m } from '$lib/paraglide/messages.js';

/** A 6-digit code; passwords have at least 8 characters (AU3), so the two never mix up. */
const TOTP_CODE = /^\d{6}$/;

/** AU8: signing, revoking and publishing need the password entered within this window. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

export function isSteppedUp(session: Pick<Session, 'authenticatedAt'>, now = Date.now()): boolean {
	return now - session.authenticatedAt.getTime() <= STEP_UP_WINDOW_MS;
}

/**
 * Re-checks the password for a sensitive action, throttled like sign-in, and records
 * the time on the session. Returns the session's new authentication time. AU8: an
 * account with a second factor may give a code from its authenticator app instead
 * (once per time step, five tries then a pause, as at sign-in; recovery codes are
 * for signing in only).
 */
export async function confirmPassword(options: {
	userId: string;
	session: Session;
	password: string;
	clientAddress: string;
}): Promise<{ at: Date; method: AuthenticationMethod }> {
	const code = options.password.replace(/\s/g, '');
	let method: AuthenticationMethod = 'password';
	if (TOTP_CODE.test(code) && (await hasSecondFactor(options.userId))) {
		await confirmTotpCode({ ...options, code });
		method = 'totp';
	} else {
		await consumeRateLimit(`signin:address:${options.clientAddress}`, LIMITS.signInPerAddress);
		await consumeRateLimit(`signin:account-id:${options.userId}`, LIMITS.signInPerAccount);
		const user = await findUserById(options.userId);
		if (!user || !(await verifyPassword(user.passwordHash, options.password))) {
			throw new AppError('wrong_password', m.auth_step_up_wrong_password(), { field: 'password' });
		}
	}
	await markSessionAuthenticated(options.session.id, method);
	return { at: new Date(), method };
}

async function confirmTotpCode(options: { userId: string; code: string; clientAddress: string }): Promise<void> {
	try {
		await verifySecondFactor({ userId: options.userId, code: options.code, clientAddress: options.clientAddress, totpOnly: true });
	} catch (error) {
		if (error instanceof AppError && error.code === 'invalid') {
			throw new AppError('wrong_password', m.auth_step_up_wrong_code(), { field: 'password' });
		}
		throw error;
	}
}

/**
 * Throws unless the session re-authenticated recently; `password`, if given, is checked
 * first. Returns how the person proved it was them, for the signature record.
 */
export async function requireStepUp(options: {
	userId: string;
	session: Session;
	password: string | null;
	clientAddress: string;
}): Promise<AuthenticationMethod> {
	if (options.password) {
		const { at, method } = await confirmPassword({ ...options, password: options.password });
		options.session.authenticatedAt = at;
		options.session.authenticatedWith = method;
	}
	if (!isSteppedUp(options.session)) {
		throw new AppError('step_up_required', m.auth_step_up_required(), { field: 'password' });
	}
	return (options.session.authenticatedWith ?? 'password') as AuthenticationMethod;
}
