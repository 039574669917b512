import { AppError } from '../errors';
import { consumeRateLimit, LIMITS, resetRateLimit } from './rate-limit';
import { verifyAgainstDummy, verifyPassword } from './password';
import { findUserByEmail, type User } from './users';

export const WRONG_CREDENTIALS = 'That e-mail address and password do not match an account.';

/**
 * Checks an e-mail address and password. AU2: both the account and the client
 * address are counted before argon2 runs; AU1: unknown addresses cost the same
 * time and get the same message as a wrong password.
 */
export async function checkCredentials(options: {
	email: string;
	password: string;
	clientAddress: string;
}): Promise<User> {
	await consumeRateLimit(`signin:address:${options.clientAddress}`, LIMITS.signInPerAddress);
	await consumeRateLimit(`signin:account:${options.email}`, LIMITS.signInPerAccount);
	const user = await findUserByEmail(options.email);
	const valid = user ? await verifyPassword(user.passwordHash, options.password) : await verifyAgainstDummy(options.password);
	if (!user || !valid) throw new AppError('invalid', WRONG_CREDENTIALS);
	await resetRateLimit(`signin:account:${options.email}`);
	return user;
}
