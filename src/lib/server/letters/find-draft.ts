import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letterDrafts } from '../db/schema';

/** The caller's own unsaved draft of this letter in this language, if any: the query is keyed on their id, never on one from a form. */
export async function findDraft(options: { userId: string; letterId: string; language: string }) {
	const [draft] = await db()
		.select()
		.from(letterDrafts)
		.where(and(eq(letterDrafts.userId, options.userId), eq(letterDrafts.letterId, options.letterId), eq(letterDrafts.language, options.language)));
	return draft ?? null;
}
