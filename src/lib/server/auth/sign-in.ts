import { AppError } from '../errors';
import { consumeRateLimit, countAttempt, LIMITS, paceAttempts, resetRateLimit, SIGN_IN_PACE_SECONDS } from './rate-limit';
import { verifyAgainstDummy, verifyPassword } from './password';
import { findUserByEmail, type User } from './users';
import { m } from '$lib/paraglide/messages.js';

/**
 * Checks an e-mail address and password. AU1: unknown addresses cost the same
 * time and get the same message as a wrong password. AU2, AV2, issue 11 point 8:
 * every limit is counted before argon2 runs, and none lets a stranger lock the
 * owner out: the client address on its own (30 per 15 minutes) and the pair of
 * account and address (10 per 15 minutes) block, but only that address; across
 * all addresses, past 50 attempts in 15 minutes, attempts on the account are
 * spaced 10 seconds apart, which slows a distributed guesser to a crawl and costs
 * the owner a few seconds at most.
 */
export async function checkCredentials(options: {
	email: string;
	password: string;
	clientAddress: string;
}): Promise<User> {
	const pair = `signin:account-address:${options.email}:${options.clientAddress}`;
	const anywhere = `signin:account:${options.email}`;
	await consumeRateLimit(`signin:address:${options.clientAddress}`, LIMITS.signInPerAddress);
	await consumeRateLimit(pair, LIMITS.signInPerAccountAndAddress);
	if ((await countAttempt(anywhere, LIMITS.signInPerAccountAnywhere)) > LIMITS.signInPerAccountAnywhere.max) {
		await paceAttempts(`signin:account-pace:${options.email}`, SIGN_IN_PACE_SECONDS);
	}
	const user = await findUserByEmail(options.email);
	const valid = user ? await verifyPassword(user.passwordHash, options.password) : await verifyAgainstDummy(options.password);
	if (!user || !valid) throw new AppError('invalid', m.auth_sign_in_wrong_credentials());
	await resetRateLimit(pair);
	await resetRateLimit(anywhere);
	return user;
}
