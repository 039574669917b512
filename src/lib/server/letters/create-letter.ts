import { db } from '../db';
import { letterRevisions, letters } from '../db/schema';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCoalitionForCoordinator } from '../coalitions/access';
import { letterContentHash, type LetterText } from './canonical';
import type { LetterSettings } from './update-letter-settings';

/** A coordinator starts a letter: its settings and the first revision of its primary text. */
export async function createLetter(options: {
	actor: { id: string };
	coalitionId: string;
	settings: LetterSettings;
	text: LetterText;
}): Promise<{ id: string; revisionId: string }> {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	const id = generateId();
	const revisionId = generateId();
	const language = options.settings.primaryLanguage;
	const contentHash = letterContentHash(language, options.text);
	await db().transaction(async (tx) => {
		await tx.insert(letters).values({ id, coalitionId: options.coalitionId, ...options.settings, createdBy: options.actor.id });
		await tx.insert(letterRevisions).values({
			id: revisionId,
			letterId: id,
			language,
			number: 1,
			authorId: options.actor.id,
			...options.text,
			contentHash
		});
		await appendAuditEvent(tx, {
			chainId: id,
			type: 'letter.created',
			actorId: options.actor.id,
			data: { letterId: id, coalitionId: options.coalitionId, primaryLanguage: language }
		});
		await appendAuditEvent(tx, {
			chainId: id,
			type: 'revision.saved',
			actorId: options.actor.id,
			data: { revisionId, language, number: 1, contentHash, baseRevisionId: null, mergedRevisionId: null }
		});
	});
	return { id, revisionId };
}
