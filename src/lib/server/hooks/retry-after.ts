import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit';

/*
 * AV2: every 429 carries Retry-After. Throttles are hit deep in the domain, and the
 * form action that catches the error answers with fail(429) without touching
 * headers, so the throttle notes its wait in this request's context and the handle
 * puts it on the response. A 429 with nothing noted gets a minute.
 */
const waits = new AsyncLocalStorage<{ seconds: number | undefined }>();

/** Called by the throttle that refuses the request. */
export function noteRetryAfter(seconds: number): void {
	const store = waits.getStore();
	if (store) store.seconds = Math.max(store.seconds ?? 0, seconds);
}

export const handleRetryAfter: Handle = async ({ event, resolve }) => {
	const store: { seconds: number | undefined } = { seconds: undefined };
	const response = await waits.run(store, () => resolve(event));
	if (response.status !== 429 || response.headers.has('retry-after')) return response;
	const value = String(Math.max(1, Math.ceil(store.seconds ?? 60)));
	try {
		response.headers.set('retry-after', value);
		return response;
	} catch {
		// Headers of a fetched response are immutable; copy it.
		const copy = new Response(response.body, response);
		copy.headers.set('retry-after', value);
		return copy;
	}
};
