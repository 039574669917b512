import { asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { organisations, signOnRequests } from '../db/schema';

export async function listSignOnRequests(letterId: string) {
	return db()
		.select({
			id: signOnRequests.id,
			organisationId: signOnRequests.organisationId,
			organisationName: organisations.displayName,
			country: organisations.country,
			message: signOnRequests.message,
			status: signOnRequests.status,
			createdAt: signOnRequests.createdAt
		})
		.from(signOnRequests)
		.innerJoin(organisations, eq(organisations.id, signOnRequests.organisationId))
		.where(eq(signOnRequests.letterId, letterId))
		.orderBy(asc(signOnRequests.createdAt));
}
