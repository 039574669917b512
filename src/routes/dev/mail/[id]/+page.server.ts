import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { PageServerLoad } from './$types';
import { readStoredMail } from '$lib/server/mail/dev-mailbox';

export const load = (async ({ params }) => {
	if (!dev) error(404, 'Not found');
	const message = await readStoredMail(params.id);
	if (!message) error(404, 'Not found');
	return { message };
}) satisfies PageServerLoad;
