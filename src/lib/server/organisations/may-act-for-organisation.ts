import { and, eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { memberships } from '../db/schema';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

/**
 * What someone may do in an organisation's name: `sign` (sign, confirm, decline,
 * answer invitations, ask to sign on) needs the owner or signatory role; `own`
 * (revoke its signature, manage people) needs owner.
 */
export type OrganisationPower = 'sign' | 'own';

const MESSAGES: Record<OrganisationPower, () => string> = {
	sign: () => m.coal_error_only_signers_act(),
	own: () => m.coal_error_only_owner()
};

/** Does the user hold the power in the organisation now (AZ7: read at the time of the request)? */
export async function mayActForOrganisation(
	options: { userId: string; organisationId: string; power: OrganisationPower },
	executor: Executor = db()
): Promise<boolean> {
	if (options.organisationId.length > 64) return false;
	const [membership] = await executor
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, options.organisationId), eq(memberships.userId, options.userId)));
	if (!membership) return false;
	return options.power === 'own' ? membership.role === 'owner' : membership.role === 'owner' || membership.role === 'signatory';
}

/** The one "may act for organisation" check: a `forbidden` AppError when not. */
export async function requireMayActForOrganisation(
	options: { userId: string; organisationId: string; power: OrganisationPower; message?: string },
	executor: Executor = db()
): Promise<void> {
	if (!(await mayActForOrganisation(options, executor))) throw new AppError('forbidden', options.message ?? MESSAGES[options.power]());
}
