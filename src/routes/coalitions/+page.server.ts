import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http';
import { listMyCoalitions } from '$lib/server/coalitions/list-coalitions';

export const load = (async (event) => {
	const { user } = requireUser(event);
	return { coalitions: await listMyCoalitions(user.id), emailVerified: user.emailVerified };
}) satisfies PageServerLoad;
