import { and, desc, eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { letterRevisions, users } from '../db/schema';

export type LetterRevision = typeof letterRevisions.$inferSelect;

/** The newest revision of one language of a letter. */
export async function findHeadRevision(letterId: string, language: string, executor: Executor = db()) {
	const [head] = await executor
		.select()
		.from(letterRevisions)
		.where(and(eq(letterRevisions.letterId, letterId), eq(letterRevisions.language, language)))
		.orderBy(desc(letterRevisions.number))
		.limit(1);
	return head;
}

export async function findRevision(letterId: string, revisionId: string, executor: Executor = db()) {
	if (revisionId.length > 64) return undefined;
	const [revision] = await executor
		.select()
		.from(letterRevisions)
		.where(and(eq(letterRevisions.letterId, letterId), eq(letterRevisions.id, revisionId)));
	return revision;
}

/** A revision author's name; null once their account is gone (a former member). */
export async function findAuthorName(authorId: string | null): Promise<string | null> {
	if (!authorId) return null;
	const [author] = await db().select({ name: users.name }).from(users).where(eq(users.id, authorId));
	return author?.name ?? null;
}

/** History of one language, newest first, with authors' names. */
export async function listRevisions(letterId: string, language: string) {
	return db()
		.select({
			id: letterRevisions.id,
			number: letterRevisions.number,
			authorName: users.name,
			createdAt: letterRevisions.createdAt,
			contentHash: letterRevisions.contentHash,
			baseRevisionId: letterRevisions.baseRevisionId,
			mergedRevisionId: letterRevisions.mergedRevisionId,
			title: letterRevisions.title
		})
		.from(letterRevisions)
		.leftJoin(users, eq(users.id, letterRevisions.authorId))
		.where(and(eq(letterRevisions.letterId, letterId), eq(letterRevisions.language, language)))
		.orderBy(desc(letterRevisions.number));
}

/** Each language's newest revision, for the translations overview. */
export async function listLanguageHeads(letterId: string) {
	const rows = await db()
		.selectDistinctOn([letterRevisions.language], {
			id: letterRevisions.id,
			language: letterRevisions.language,
			number: letterRevisions.number,
			title: letterRevisions.title,
			sourceRevisionId: letterRevisions.sourceRevisionId,
			createdAt: letterRevisions.createdAt
		})
		.from(letterRevisions)
		.where(eq(letterRevisions.letterId, letterId))
		.orderBy(letterRevisions.language, desc(letterRevisions.number));
	return rows;
}
