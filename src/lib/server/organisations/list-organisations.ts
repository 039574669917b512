import { asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { memberships, organisations, users } from '../db/schema';
import { loadOrganisationForMember } from './access';

/** "My organisations": every organisation the user belongs to, with their role. */
export async function listMyOrganisations(userId: string) {
	return db()
		.select({
			id: organisations.id,
			displayName: organisations.displayName,
			shortName: organisations.shortName,
			country: organisations.country,
			city: organisations.city,
			role: memberships.role
		})
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(organisations.displayName));
}

/** Members with their roles; e-mail addresses only for owners to see. */
export async function listMembers(options: { organisationId: string; actor: { id: string } }) {
	const access = await loadOrganisationForMember(options.organisationId, options.actor.id);
	const rows = await db()
		.select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, options.organisationId))
		.orderBy(asc(users.name));
	const showEmails = access.role === 'owner';
	return rows.map((row) => ({ ...row, email: showEmails ? row.email : null }));
}
