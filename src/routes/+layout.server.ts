import type { LayoutServerLoad } from './$types';

/** Only what the header needs; pages load and check everything else themselves. */
export const load = (({ locals }) => ({
	user: locals.user ? { name: locals.user.name, emailVerified: locals.user.emailVerified } : null
})) satisfies LayoutServerLoad;
