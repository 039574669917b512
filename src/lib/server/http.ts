import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { AppError } from './errors';
import type { SessionUser, Session } from './auth/session';
import { typedValues } from '$lib/validation/form';

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

/**
 * Maps a domain failure to the form's answer, keeping what the user typed (less
 * secrets). Anything that is not an AppError is a bug and goes to handleError.
 */
export function failForm(
	err: unknown,
	form?: FormData | Record<string, string>,
	extra: Record<string, unknown> = {}
): ActionFailure<{ message: string; values: Record<string, string>; errors: Record<string, string> }> {
	if (!(err instanceof AppError)) throw err;
	return fail(err.status, {
		message: err.message,
		values: form ? typedValues(form) : {},
		errors: {},
		...extra
	});
}

/** For loads: a domain failure becomes the matching error page. */
export function errorPage(err: unknown): never {
	if (err instanceof AppError) error(err.status === 403 ? 403 : err.status === 404 ? 404 : 400, err.message);
	throw err;
}
