import type { HandleServerError } from '@sveltejs/kit';
import { generateId } from '../crypto';
import { log } from '../log';

/** Logs the error with an id and shows only the id (AZ4: nothing internal leaks). */
export const handleServerError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	// Client errors raised by SvelteKit itself (413 body too large, 405, ...) are not bugs.
	if (status === 413) return { message: 'What you sent is too large.' };
	if (status < 500) return { message: 'This request could not be handled.' };
	const errorId = generateId().slice(0, 10);
	log.error('unhandled error', {
		errorId,
		route: event.route.id ?? 'unknown',
		status,
		error: error instanceof Error ? (error.stack ?? error.message) || String(error) : JSON.stringify(error)
	});
	return { message: 'Something went wrong on our side.', errorId };
};
