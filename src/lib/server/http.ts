import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { AppError } from './errors';
import type { SessionUser, Session } from './auth/session';
import { m } from '$lib/paraglide/messages.js';

/** The client address as adapter-node reports it (ADDRESS_HEADER, XFF_DEPTH), never a raw header. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Sends a visitor who is not signed in to sign in, and back here afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): { user: SessionUser; session: Session } {
	const { user, session } = event.locals;
	if (!user || !session) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?redirectTo=${encodeURIComponent(back)}`);
	}
	return { user, session };
}

/** As requireUser, and the e-mail address must be confirmed. */
export function requireVerifiedUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const result = requireUser(event);
	if (!result.user.emailVerified) redirect(303, '/verify-email');
	return result;
}

/** For loads: a domain failure becomes the matching error page. */
export function errorPage(err: unknown): never {
	if (err instanceof AppError) error(err.status === 403 ? 403 : err.status === 404 ? 404 : 400, err.message);
	// IN1: a value the database cannot take (a NUL byte that slipped past a schema) is the request's fault, not a bug.
	if (isDataException(err)) error(400, m.auth_error_request_not_handled());
	throw err;
}

/** PostgreSQL's class 22 "data exception" (22021 a NUL byte, 22P02 bad syntax, 22001 too long), possibly wrapped by Drizzle. */
export function isDataException(error: unknown): boolean {
	for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

const QUERY_SHAPES = {
	/** A language tag such as `mn` or `zh-Hant`. */
	language: /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/,
	/** A row id, as the param matcher accepts it. */
	id: /^[A-Za-z0-9_-]{1,64}$/,
	/** Anything printable and storable (checked for NUL and broken characters). */
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	text: /^[^\u0000-\u001F\u007F\uFFFD]*$/
} as const;

/**
 * IN1 for query strings: a parameter that is missing, too long, or not of the expected
 * shape reads as absent (null), so a NUL byte in `?lang=` can never reach a query.
 */
export function queryParam(url: URL, name: string, shape: keyof typeof QUERY_SHAPES, max = 100): string | null {
	const value = url.searchParams.get(name);
	if (value === null || value.length > max || !value.isWellFormed()) return null;
	return QUERY_SHAPES[shape].test(value) ? value : null;
}
