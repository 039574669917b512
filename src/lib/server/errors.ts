/** Domain failures, mapped to fail()/error() at the route edge. */
export type AppErrorCode =
	| 'not_found'
	| 'forbidden'
	| 'invalid'
	| 'conflict'
	| 'rate_limited'
	| 'token_invalid'
	| 'token_expired'
	| 'token_used'
	| 'token_superseded';

const STATUS: Record<AppErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409,
	rate_limited: 429,
	token_invalid: 400,
	token_expired: 400,
	token_used: 400,
	token_superseded: 400
};

export class AppError extends Error {
	constructor(
		public readonly code: AppErrorCode,
		message: string,
		public readonly retryAfterSeconds?: number
	) {
		super(message);
		this.name = 'AppError';
	}

	get status(): number {
		return STATUS[this.code];
	}
}
