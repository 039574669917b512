import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { PageServerLoad } from './$types';
import { listStoredMail } from '$lib/server/mail/dev-mailbox';
import { m } from '$lib/paraglide/messages.js';

/** The development mailbox: only under `npm run dev`, never in a built server. */
export const load = (async () => {
	if (!dev) error(404, m.auth_error_not_found());
	const messages = await listStoredMail();
	return { messages: messages.map(({ id, to, subject, date }) => ({ id, to, subject, date })) };
}) satisfies PageServerLoad;
