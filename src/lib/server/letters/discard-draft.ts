import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letterDrafts } from '../db/schema';

/** Drops the caller's own draft (after saving it as a revision, or when they discard it); a person can reach no one else's. */
export async function discardDraft(options: { actor: { id: string }; letterId: string; language: string }): Promise<void> {
	await db()
		.delete(letterDrafts)
		.where(and(eq(letterDrafts.userId, options.actor.id), eq(letterDrafts.letterId, options.letterId), eq(letterDrafts.language, options.language)));
}
