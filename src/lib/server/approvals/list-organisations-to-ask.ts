import { eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { coalitionMembers, organisations } from '../db/schema';

/**
 * The coalition's member organisations a coordinator may ask to approve the text.
 * The initiating organisations (the drafting ones) come first and are ticked by default.
 */
export async function listOrganisationsToAsk(coalitionId: string, executor: Executor = db()) {
	const rows = await executor
		.select({ id: organisations.id, name: organisations.displayName, initiator: coalitionMembers.initiator })
		.from(coalitionMembers)
		.innerJoin(organisations, eq(organisations.id, coalitionMembers.organisationId))
		.where(eq(coalitionMembers.coalitionId, coalitionId));
	return rows.sort((a, b) => Number(b.initiator) - Number(a.initiator) || a.name.localeCompare(b.name));
}
