import type { LayoutServerLoad } from './$types';
import { isKnownTimeZone, TIME_ZONE_COOKIE } from '$lib/time';

/** Only what the header needs; pages load and check everything else themselves. */
export const load = (({ locals, cookies }) => ({
	user: locals.user ? { name: locals.user.name, emailVerified: locals.user.emailVerified } : null,
	/** Issue 13: the zone times are shown in (src/lib/time.ts). */
	timeZone: viewerTimeZone(cookies.get(TIME_ZONE_COOKIE))
})) satisfies LayoutServerLoad;

function viewerTimeZone(cookie: string | undefined): string {
	return cookie && isKnownTimeZone(cookie) ? cookie : 'UTC';
}
