import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { letterRevisions, letters, memberships, organisations, textApprovals } from '../db/schema';

export interface ApprovalRequested {
	letterId: string;
	title: string;
	organisationName: string;
	revisionNumber: number;
}

/**
 * Issue 13 point 4: approvals of a draft's text asked of an organisation I may answer
 * for, not answered yet, and still about the current text (nobody saved since it
 * was asked: a later save clears the request). One query.
 */
export async function listApprovalsRequested(userId: string): Promise<ApprovalRequested[]> {
	return db()
		.select({
			letterId: letters.id,
			title: letterRevisions.title,
			organisationName: organisations.displayName,
			revisionNumber: letterRevisions.number
		})
		.from(memberships)
		.innerJoin(textApprovals, and(eq(textApprovals.organisationId, memberships.organisationId), eq(textApprovals.status, 'requested')))
		.innerJoin(letters, and(eq(letters.id, textApprovals.letterId), eq(letters.state, 'draft')))
		.innerJoin(letterRevisions, eq(letterRevisions.id, textApprovals.revisionId))
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(memberships.userId, userId),
				inArray(memberships.role, ['owner', 'signatory']),
				sql`not exists (select 1 from letter_revisions later where later.letter_id = ${letters.id} and later.created_at > ${textApprovals.requestedAt})`,
				// An organisation that left the coalition no longer sees its drafts (AZ5).
				sql`exists (select 1 from coalition_members cm where cm.coalition_id = ${letters.coalitionId} and cm.organisation_id = ${memberships.organisationId})`
			)
		)
		.orderBy(textApprovals.requestedAt)
		.limit(200);
}
