import { AppError } from '../errors';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { verifyPassword } from '../auth/password';
import { markSessionAuthenticated, type Session } from '../auth/session';
import { findUserById } from '../auth/users';

/** AU8: signing, revoking and publishing need the password entered within this window. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

export function isSteppedUp(session: Pick<Session, 'authenticatedAt'>, now = Date.now()): boolean {
	return now - session.authenticatedAt.getTime() <= STEP_UP_WINDOW_MS;
}

/**
 * Re-checks the password for a sensitive action, throttled like sign-in, and records
 * the time on the session. Returns the session's new authentication time.
 */
export async function confirmPassword(options: {
	userId: string;
	session: Session;
	password: string;
	clientAddress: string;
}): Promise<Date> {
	await consumeRateLimit(`signin:address:${options.clientAddress}`, LIMITS.signInPerAddress);
	await consumeRateLimit(`signin:account-id:${options.userId}`, LIMITS.signInPerAccount);
	const user = await findUserById(options.userId);
	if (!user || !(await verifyPassword(user.passwordHash, options.password))) {
		throw new AppError('wrong_password', 'That password is not right.', { field: 'password' });
	}
	await markSessionAuthenticated(options.session.id);
	return new Date();
}

/** Throws unless the session re-authenticated recently; `password`, if given, is checked first. */
export async function requireStepUp(options: {
	userId: string;
	session: Session;
	password: string | null;
	clientAddress: string;
}): Promise<void> {
	if (options.password) {
		const at = await confirmPassword({ ...options, password: options.password });
		options.session.authenticatedAt = at;
	}
	if (!isSteppedUp(options.session)) {
		throw new AppError('step_up_required', 'For your safety, enter your password again to confirm this.', { field: 'password' });
	}
}
