import type { HandleServerError } from '@sveltejs/kit';
import { generateId } from '../crypto';
import { errorFields, log } from '../log';

/**
 * Logs the error with an id and shows only the id (AZ4, AV4). PR6: the log line holds
 * the id, the route, the status and errorFields() (class, code, SQL state, frames),
 * never the message, the URL's query or anything the person sent.
 */
export const handleServerError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	// Client errors raised by SvelteKit itself (413 body too large, 405, ...) are not bugs.
	if (status === 413) return { message: 'What you sent is too large.' };
	if (status < 500) return { message: 'This request could not be handled.' };
	const errorId = generateId().slice(0, 10);
	log.error('unhandled error', {
		errorId,
		route: event.route.id ?? 'unknown',
		method: event.request.method,
		status,
		...errorFields(error)
	});
	return { message: 'Something went wrong on our side.', errorId };
};
