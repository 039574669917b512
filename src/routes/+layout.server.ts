import type { LayoutServerLoad } from './$types';
import { loadNeedsYou } from '$lib/server/start/needs-you';

/**
 * Only what the header needs; pages load and check everything else themselves. The
 * "Needs you" count is read on every navigation (reading `url.pathname` makes this
 * load rerun), so it drops as soon as something is answered.
 */
export const load = (async ({ locals, url }) => {
	void url.pathname;
	if (!locals.user) return { user: null, needsYouCount: 0 };
	const { count } = await loadNeedsYou(locals.user);
	return { user: { name: locals.user.name, emailVerified: locals.user.emailVerified }, needsYouCount: count };
}) satisfies LayoutServerLoad;
