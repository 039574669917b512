import { and, eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { memberships, organisations, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

export type Organisation = typeof organisations.$inferSelect;

export interface OrganisationAccess {
	organisation: Organisation;
	role: OrganisationRole;
}

/**
 * Loads an organisation through the actor's membership. AZ5: for someone who is not
 * a member, it answers exactly as for an organisation that does not exist.
 */
export async function loadOrganisationForMember(
	organisationId: string,
	userId: string,
	executor: Executor = db()
): Promise<OrganisationAccess> {
	if (organisationId.length > 64) throw new AppError('not_found', m.coal_error_organisation_not_found());
	const [row] = await executor
		.select({ organisation: organisations, role: memberships.role })
		.from(organisations)
		.innerJoin(memberships, and(eq(memberships.organisationId, organisations.id), eq(memberships.userId, userId)))
		.where(eq(organisations.id, organisationId));
	if (!row) throw new AppError('not_found', m.coal_error_organisation_not_found());
	return row;
}

export async function loadOrganisationForOwner(
	organisationId: string,
	userId: string,
	executor: Executor = db()
): Promise<OrganisationAccess> {
	const access = await loadOrganisationForMember(organisationId, userId, executor);
	if (access.role !== 'owner') {
		throw new AppError('forbidden', m.coal_error_only_owners());
	}
	return access;
}
