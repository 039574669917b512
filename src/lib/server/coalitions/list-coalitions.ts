import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { coalitionCoordinators, coalitionMembers, coalitions, letters, memberships, organisations, users } from '../db/schema';
import { actingCoordinatorSql, COORDINATOR_ROLES, loadCoalitionForMember } from './access';

/** The coalitions a user belongs to, through an organisation (AZ7: coordinators belong through one too). */
export async function listMyCoalitions(userId: string) {
	const viaOrganisation = db()
		.select({ id: coalitionMembers.coalitionId })
		.from(coalitionMembers)
		.innerJoin(memberships, eq(memberships.organisationId, coalitionMembers.organisationId))
		.where(eq(memberships.userId, userId));
	return db()
		.select({
			id: coalitions.id,
			name: coalitions.name,
			// Qualified by hand: inside a select Drizzle writes the main table's columns unqualified.
			isCoordinator: sql<boolean>`${actingCoordinatorSql(sql`"coalitions"."id"`, userId)}`,
			members: sql<number>`(select count(*)::int from coalition_members cm where cm.coalition_id = "coalitions"."id")`,
			letters: sql<number>`(select count(*)::int from letters l where l.coalition_id = "coalitions"."id")`
		})
		.from(coalitions)
		.where(inArray(coalitions.id, viaOrganisation))
		.orderBy(asc(coalitions.name));
}

/** The coalition's page: member organisations, coordinators and letters. */
export async function getCoalitionOverview(coalitionId: string, actor: { id: string }) {
	const access = await loadCoalitionForMember(coalitionId, actor.id);
	const [members, coordinators, letterRows] = await Promise.all([
		db()
			.select({
				id: organisations.id,
				displayName: organisations.displayName,
				country: organisations.country,
				city: organisations.city,
				verifiedAt: coalitionMembers.verifiedAt,
				initiator: coalitionMembers.initiator
			})
			.from(coalitionMembers)
			.innerJoin(organisations, eq(organisations.id, coalitionMembers.organisationId))
			.where(eq(coalitionMembers.coalitionId, coalitionId))
			.orderBy(asc(organisations.displayName)),
		db()
			.select({ userId: users.id, name: users.name })
			.from(coalitionCoordinators)
			.innerJoin(users, eq(users.id, coalitionCoordinators.userId))
			.where(and(eq(coalitionCoordinators.coalitionId, coalitionId), actingCoordinatorSql(coalitionId, sql`${users.id}`)))
			.orderBy(asc(users.name)),
		db()
			.select({
				id: letters.id,
				state: letters.state,
				primaryLanguage: letters.primaryLanguage,
				updatedAt: letters.updatedAt,
				title: sql<string | null>`(select r.title from letter_revisions r where r.letter_id = "letters"."id" and r.language = "letters"."primary_language" order by r.number desc limit 1)`
			})
			.from(letters)
			.where(eq(letters.coalitionId, coalitionId))
			.orderBy(sql`${letters.createdAt} desc`)
	]);
	return { access, members, coordinators, letters: letterRows };
}

/** People of member organisations who could be made coordinators, with an organisation each. */
export async function listCoordinatorCandidates(coalitionId: string) {
	return db()
		.selectDistinctOn([users.id], { userId: users.id, name: users.name, organisationName: organisations.displayName })
		.from(memberships)
		.innerJoin(coalitionMembers, eq(coalitionMembers.organisationId, memberships.organisationId))
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(coalitionMembers.coalitionId, coalitionId),
				inArray(memberships.role, [...COORDINATOR_ROLES]),
				sql`not exists (select 1 from ${coalitionCoordinators} where ${coalitionCoordinators.coalitionId} = ${coalitionId} and ${coalitionCoordinators.userId} = ${users.id})`
			)
		)
		.orderBy(users.id);
}

/** Organisations the user owns that are not yet in the coalition (a coordinator may add them directly). */
export async function listOwnOrganisationsOutside(coalitionId: string, userId: string) {
	return db()
		.select({ id: organisations.id, displayName: organisations.displayName })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.role, 'owner'),
				sql`not exists (select 1 from ${coalitionMembers} where ${coalitionMembers.coalitionId} = ${coalitionId} and ${coalitionMembers.organisationId} = ${organisations.id})`
			)
		)
		.orderBy(asc(organisations.displayName));
}
