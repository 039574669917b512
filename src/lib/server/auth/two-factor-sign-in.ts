import { AppError } from '../errors';
import { createSession, invalidateSession, type Session } from './session';
import { verifySecondFactor } from './two-factor';
import { m } from '$lib/paraglide/messages.js';

/**
 * The second step of a sign-in (AU6): the code (or a recovery code) for the account
 * whose password was right in this browser. SE5: the half-way session is ended and a
 * new token issued, so nothing from before the second factor carries over.
 */
export async function completeTwoFactorSignIn(options: {
	pending: Session | null;
	code: string;
	clientAddress: string;
}): Promise<{ token: string; session: Session; method: 'totp' | 'recovery_code' }> {
	const pending = options.pending;
	if (!pending || pending.expiresAt.getTime() <= Date.now()) {
		throw new AppError('token_expired', m.auth_two_factor_sign_in_expired());
	}
	const { method } = await verifySecondFactor({ userId: pending.userId, code: options.code, clientAddress: options.clientAddress });
	await invalidateSession(pending.id);
	const { token, session } = await createSession(pending.userId, { authenticatedWith: method });
	return { token, session, method };
}
