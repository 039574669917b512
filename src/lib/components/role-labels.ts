import { m } from '$lib/paraglide/messages.js';
import type { Role } from '$lib/validation/organisation';

/** A role's name and what it may do, in the page's language (issue 14): functions, so each call reads the current locale. */
const LABELS: Record<Role, () => string> = {
	owner: () => m.coal_role_owner(),
	signatory: () => m.coal_role_signatory(),
	member: () => m.coal_role_member()
};

const DESCRIPTIONS: Record<Role, () => string> = {
	owner: () => m.coal_role_description_owner(),
	signatory: () => m.coal_role_description_signatory(),
	member: () => m.coal_role_description_member()
};

export const roleLabel = (role: Role): string => LABELS[role]();
export const roleDescription = (role: Role): string => DESCRIPTIONS[role]();
