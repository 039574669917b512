import type { LayoutServerLoad } from './$types';
import { loadNeedsYou } from '$lib/server/start/needs-you';
import { isKnownTimeZone, TIME_ZONE_COOKIE } from '$lib/time';

/**
 * Only what the header needs; pages load and check everything else themselves. The
 * "Needs you" count is read on every navigation (reading `url.pathname` makes this
 * load rerun), so it drops as soon as something is answered.
 */
export const load = (async ({ locals, url, cookies }) => {
	void url.pathname;
	/** Issue 13: the zone times are shown in (src/lib/time.ts). */
	const timeZone = viewerTimeZone(cookies.get(TIME_ZONE_COOKIE));
	const locale = locals.locale;
	if (!locals.user) return { user: null, needsYouCount: 0, timeZone, locale };
	const { count } = await loadNeedsYou(locals.user);
	return { user: { name: locals.user.name, emailVerified: locals.user.emailVerified }, needsYouCount: count, timeZone, locale };
}) satisfies LayoutServerLoad;

function viewerTimeZone(cookie: string | undefined): string {
	return cookie && isKnownTimeZone(cookie) ? cookie : 'UTC';
}
