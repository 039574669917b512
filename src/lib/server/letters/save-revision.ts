import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letterRevisions, letters } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';
import { letterContentHash, type LetterText } from './canonical';
import { mergeLetterText, type Conflict } from './merge-text';
import { findHeadRevision, findRevision, type LetterRevision } from './revisions';
import { m } from '$lib/paraglide/messages.js';

export type SaveOutcome =
	| { status: 'saved' | 'merged' | 'unchanged'; revision: LetterRevision }
	/** Overlapping changes: nothing was saved; the writer resolves and saves on `head`. */
	| { status: 'conflict'; base: LetterRevision | undefined; head: LetterRevision; conflicts: Conflict[] };

// Each lost race means another save went in, so this bounds waiting, not correctness.
const MAX_ATTEMPTS = 50;

function textOf(revision: LetterRevision): LetterText {
	return { title: revision.title, addressees: revision.addressees, body: revision.body, closing: revision.closing };
}

/**
 * Saves one language's text as a new immutable revision. A save on a stale base never
 * overwrites: non-overlapping changes are merged (three-way, word by word), overlapping
 * ones are returned as conflicts with nothing saved. The unique index on
 * (letter, language, number) decides races; the loser merges again on the new head.
 */
export async function saveRevision(options: {
	actor: { id: string };
	letterId: string;
	language: string;
	baseRevisionId: string | null;
	/** For translations: the primary-language revision the translator worked from. */
	sourceRevisionId?: string | null;
	text: LetterText;
	/** Set when the text is an older revision's, brought back (restore-revision.ts); recorded in the audit entry. */
	restoredFromRevisionId?: string;
}): Promise<SaveOutcome> {
	const { letter } = await loadLetterFor('edit', options.letterId, options.actor.id);
	const isTranslation = options.language !== letter.primaryLanguage;
	const base = options.baseRevisionId ? await findRevision(letter.id, options.baseRevisionId) : undefined;
	if (options.baseRevisionId && (!base || base.language !== options.language)) {
		throw new AppError('invalid', m.letter_save_foreign_base());
	}
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const head = await findHeadRevision(letter.id, options.language);
		let text = options.text;
		let merged = false;
		if (head && head.id !== base?.id) {
			// Without a base (two people starting the same translation), both texts count as new.
			const baseText = base ? textOf(base) : { title: '', addressees: '', body: '', closing: '' };
			const outcome = mergeLetterText(baseText, options.text, textOf(head));
			if (!outcome.clean) return { status: 'conflict', base, head, conflicts: outcome.conflicts };
			text = outcome.text;
			merged = true;
		}
		const contentHash = letterContentHash(options.language, text);
		if (head && head.contentHash === contentHash) return { status: 'unchanged', revision: head };
		const revision: LetterRevision = {
			id: generateId(),
			letterId: letter.id,
			language: options.language,
			number: (head?.number ?? 0) + 1,
			baseRevisionId: base?.id ?? null,
			sourceRevisionId: isTranslation ? (options.sourceRevisionId ?? null) : null,
			authorId: options.actor.id,
			...text,
			contentHash,
			mergedRevisionId: merged ? (head?.id ?? null) : null,
			createdAt: new Date()
		};
		try {
			await db().transaction(async (tx) => {
				await tx.insert(letterRevisions).values(revision);
				await tx.update(letters).set({ updatedAt: revision.createdAt }).where(eq(letters.id, letter.id));
				await appendAuditEvent(tx, {
					chainId: letter.id,
					type: isTranslation ? 'translation.saved' : 'revision.saved',
					actorId: options.actor.id,
					data: {
						revisionId: revision.id,
						language: revision.language,
						number: revision.number,
						contentHash,
						baseRevisionId: revision.baseRevisionId,
						mergedRevisionId: revision.mergedRevisionId,
						...(options.restoredFromRevisionId ? { restoredFromRevisionId: options.restoredFromRevisionId } : {})
					}
				});
			});
		} catch (error) {
			// Someone saved the same number first: merge again on their revision.
			if (isUniqueViolation(error)) continue;
			throw error;
		}
		return { status: merged ? 'merged' : 'saved', revision };
	}
	throw new AppError('conflict', m.letter_save_busy());
}
