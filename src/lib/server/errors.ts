/**
 * Domain failures, mapped to fail()/error() at the route edge (src/lib/server/form-action.ts).
 * Routes decide from `code` and `field`, never from the message text; the message is
 * written for the person and shown as it is.
 */
export type AppErrorCode =
	| 'not_found'
	| 'forbidden'
	| 'invalid'
	| 'conflict'
	| 'rate_limited'
	| 'token_invalid'
	| 'token_expired'
	| 'token_used'
	| 'token_superseded'
	/** A password given to confirm an action (or sign in) is not the account's. */
	| 'wrong_password'
	/** The action needs the password entered within the last few minutes (AU8). */
	| 'step_up_required'
	/** CC1: this organisation already has an active signature on this letter. */
	| 'already_signed'
	/** The revision an edit started from is no longer the newest. */
	| 'stale_revision'
	/** The letter is not in a state that allows this (closed, published, ...). */
	| 'wrong_state'
	/** A chosen password is too weak or too common. */
	| 'weak_password'
	/** The organisation requires a second factor of whoever signs for it, and the signer has none (AU6). */
	| 'two_factor_required'
	/** AU11: an invitation is for another address than the signed-in account's. */
	| 'wrong_recipient'
	/** AV6: a new or small coalition would go over its sending limits. */
	| 'sending_limit';

const STATUS: Record<AppErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409,
	rate_limited: 429,
	token_invalid: 400,
	token_expired: 400,
	token_used: 400,
	token_superseded: 400,
	wrong_password: 400,
	step_up_required: 403,
	already_signed: 409,
	stale_revision: 409,
	wrong_state: 409,
	weak_password: 400,
	two_factor_required: 403,
	wrong_recipient: 403,
	sending_limit: 409
};

export interface AppErrorOptions {
	/** The form field the message belongs to, e.g. `password`. */
	field?: string;
	/** For `rate_limited`: seconds until another try may succeed (sent as Retry-After). */
	retryAfterSeconds?: number;
}

export class AppError extends Error {
	readonly field: string | undefined;
	readonly retryAfterSeconds: number | undefined;
	/** Set once the refusal has its own audit entry, so the route edge does not add another. */
	audited = false;

	/** The third argument may still be a bare number of seconds (older callers of rate_limited). */
	constructor(
		public readonly code: AppErrorCode,
		message: string,
		options: AppErrorOptions | number = {}
	) {
		super(message);
		this.name = 'AppError';
		const opts = typeof options === 'number' ? { retryAfterSeconds: options } : options;
		this.field = opts.field;
		this.retryAfterSeconds = opts.retryAfterSeconds;
	}

	get status(): number {
		return STATUS[this.code];
	}
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
	return error instanceof AppError && (code === undefined || error.code === code);
}
