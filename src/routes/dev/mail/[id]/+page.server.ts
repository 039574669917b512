import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { PageServerLoad } from './$types';
import { readStoredMail } from '$lib/server/mail/dev-mailbox';
import { m } from '$lib/paraglide/messages.js';

export const load = (async ({ params }) => {
	if (!dev) error(404, m.auth_error_not_found());
	const message = await readStoredMail(params.id);
	if (!message) error(404, m.auth_error_not_found());
	return { message };
}) satisfies PageServerLoad;
