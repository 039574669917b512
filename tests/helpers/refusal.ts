import { expect } from 'vitest';
import { AppError } from '../../src/lib/server/errors';

/** Awaits a command that must be refused and returns its AppError (the test fails if it succeeds or throws anything else). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	return error as AppError;
}
