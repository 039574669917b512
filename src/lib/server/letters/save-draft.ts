import { db } from '../db';
import { letterDrafts } from '../db/schema';
import { loadLetterFor } from './access';

export interface DraftText {
	title: string;
	addressees: string;
	body: string;
	closing: string;
}

/**
 * Issue 13, point 8: keeps what a person typed in the editor, for them alone, until
 * they save it as a revision or discard it. Only someone who may edit the letter
 * keeps a draft of it (AZ5: others get "not found"); one draft per person, letter
 * and language, replaced by each autosave, its size bounded by the form's limits.
 */
export async function saveDraft(options: { actor: { id: string }; letterId: string; language: string; baseRevisionId: string | null; text: DraftText }): Promise<{ savedAt: Date }> {
	await loadLetterFor('edit', options.letterId, options.actor.id);
	const savedAt = new Date();
	const row = { ...options.text, baseRevisionId: options.baseRevisionId, updatedAt: savedAt };
	await db()
		.insert(letterDrafts)
		.values({ userId: options.actor.id, letterId: options.letterId, language: options.language, ...row })
		.onConflictDoUpdate({ target: [letterDrafts.userId, letterDrafts.letterId, letterDrafts.language], set: row });
	return { savedAt };
}
