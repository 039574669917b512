import { and, eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, letterVisits, letters } from '../db/schema';

/** The newest title of the letter's primary text (drafts have no signing text yet). */
const headTitleSql = sql<string>`(select r.title from letter_revisions r
	where r.letter_id = ${letters.id} and r.language = ${letters.primaryLanguage}
	order by r.number desc limit 1)`;

/**
 * Drafts of my coalitions that others changed or commented on since I last opened them
 * (never opened: everything counts). One query: counts are correlated subqueries on
 * indexed letter ids, the visit a left join.
 */
export async function listDraftsWithNews(userId: string) {
	const since = sql`coalesce(${letterVisits.visitedAt}, '-infinity'::timestamptz)`;
	const revisions = sql<number>`(select count(*)::int from letter_revisions r
		where r.letter_id = ${letters.id} and r.created_at > ${since} and r.author_id is distinct from ${userId})`;
	const comments = sql<number>`(select count(*)::int from letter_comments c
		where c.letter_id = ${letters.id} and c.created_at > ${since} and c.deleted_at is null and c.author_id is distinct from ${userId})`;
	const rows = await db()
		.select({
			letterId: letters.id,
			title: headTitleSql,
			coalitionName: coalitions.name,
			lastVisit: letterVisits.visitedAt,
			newRevisions: revisions,
			newComments: comments
		})
		.from(letters)
		.innerJoin(coalitions, eq(coalitions.id, letters.coalitionId))
		.leftJoin(letterVisits, and(eq(letterVisits.letterId, letters.id), eq(letterVisits.userId, userId)))
		.where(
			and(
				eq(letters.state, 'draft'),
				sql`exists (select 1 from memberships m join coalition_members cm on cm.organisation_id = m.organisation_id
					where cm.coalition_id = ${letters.coalitionId} and m.user_id = ${userId})`
			)
		)
		.orderBy(sql`${letters.updatedAt} desc`)
		.limit(200);
	return rows.filter((row) => row.newRevisions > 0 || row.newComments > 0);
}

/** Marks the letter as seen by this person now (the start page's "since my last visit"). */
export async function recordLetterVisit(userId: string, letterId: string): Promise<void> {
	await db()
		.insert(letterVisits)
		.values({ userId, letterId, visitedAt: new Date() })
		.onConflictDoUpdate({ target: [letterVisits.userId, letterVisits.letterId], set: { visitedAt: new Date() } });
}
