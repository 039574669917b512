import type { PageServerLoad } from './$types';

export const load = (({ locals }) => ({ user: locals.user ? { name: locals.user.name } : null })) satisfies PageServerLoad;
