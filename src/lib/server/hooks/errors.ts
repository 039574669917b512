import type { HandleServerError } from '@sveltejs/kit';
import { generateId } from '../crypto';
import { errorFields, log } from '../log';
import { m } from '$lib/paraglide/messages.js';

/**
 * Logs the error with an id and shows only the id (AZ4, AV4). PR6: the log line holds
 * the id, the route, the status and errorFields() (class, code, SQL state, frames),
 * never the message, the URL's query or anything the person sent.
 */
export const handleServerError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.auth_error_not_found() };
	// Client errors raised by SvelteKit itself (413 body too large, 405, ...) are not bugs.
	if (status === 413) return { message: m.auth_error_too_large() };
	if (status < 500) return { message: m.auth_error_request_not_handled() };
	const errorId = generateId().slice(0, 10);
	log.error('unhandled error', {
		errorId,
		route: event.route.id ?? 'unknown',
		method: event.request.method,
		status,
		...errorFields(error)
	});
	return { message: m.auth_error_our_side(), errorId };
};
