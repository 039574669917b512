import { letterText } from '$lib/validation/letter';
import { AppError } from '../errors';
import { loadLetterFor } from './access';
import type { LetterText } from './canonical';
import { passageCheck } from './describe-conflict';
import { mergeLetterText, resolveLetterText, type Conflict } from './merge-text';
import { findRevision, type LetterRevision } from './revisions';
import { saveRevision, type SaveOutcome } from './save-revision';
import { m } from '$lib/paraglide/messages.js';

export interface PassageChoice {
	/** Missing when the person chose nothing for this passage. */
	keep?: 'mine' | 'theirs' | 'edit';
	/** The person's own wording, used when `keep` is 'edit'. */
	text: string;
	/** passageCheck() of the passage the choice was made for. */
	check: string;
}

const EMPTY: LetterText = { title: '', addressees: '', body: '', closing: '' };

function textOf(revision: LetterRevision): LetterText {
	return { title: revision.title, addressees: revision.addressees, body: revision.body, closing: revision.closing };
}

interface ConflictOptions {
	actor: { id: string };
	letterId: string;
	language: string;
	/** The revision the writer started from. */
	baseRevisionId: string | null;
	/** The revision their save conflicted with. */
	headRevisionId: string;
	mine: LetterText;
}

/**
 * The conflicts between the writer's text and `head`, computed again from the stored
 * revisions (never taken from the form), for the conflict screen after a refusal.
 */
export async function recomputeConflict(options: ConflictOptions): Promise<{ base: LetterRevision | undefined; head: LetterRevision; conflicts: Conflict[] }> {
	const { letter } = await loadLetterFor('edit', options.letterId, options.actor.id);
	const [base, head] = await Promise.all([
		options.baseRevisionId ? findRevision(letter.id, options.baseRevisionId) : undefined,
		findRevision(letter.id, options.headRevisionId)
	]);
	const foreign = (r: LetterRevision | undefined) => !r || r.language !== options.language;
	if ((options.baseRevisionId && foreign(base)) || !head || foreign(head) || (base && base.number >= head.number)) {
		throw new AppError('invalid', m.letter_conflict_foreign_revisions());
	}
	const merge = mergeLetterText(base ? textOf(base) : EMPTY, options.mine, textOf(head));
	return { base, head, conflicts: merge.clean ? [] : merge.conflicts };
}

/**
 * Issue 13, point 9: saves the writer's text with each conflicting passage settled
 * (theirs, mine, or an edit). A choice is applied only to the passage whose check it
 * carries, and a form whose passages no longer match the recomputed ones is refused.
 * The result is saved on `head`, so a save made since merges or conflicts again, as
 * any save does.
 */
export async function resolveConflict(options: ConflictOptions & { sourceRevisionId?: string | null; passages: PassageChoice[] }): Promise<{ outcome: SaveOutcome; text: LetterText }> {
	const { base, head, conflicts } = await recomputeConflict(options);
	const matches = conflicts.length === options.passages.length && conflicts.every((c, i) => passageCheck(c) === options.passages[i]!.check);
	if (!matches) {
		throw new AppError('invalid', m.letter_conflict_passages_changed());
	}
	if (options.passages.some((p) => !p.keep)) {
		throw new AppError('invalid', m.letter_conflict_choose_each());
	}
	const chosen = options.passages.map((p, i) => (p.keep === 'mine' ? conflicts[i]!.mine : p.keep === 'theirs' ? conflicts[i]!.theirs : p.text));
	const theirs = textOf(head);
	// An edit may break a field's rules (a title over its limit, an empty text): the same check as the editor's.
	const checked = letterText.safeParse(resolveLetterText(base ? textOf(base) : EMPTY, options.mine, theirs, chosen));
	if (!checked.success) {
		const issue = checked.error.issues[0];
		throw new AppError('invalid', m.letter_conflict_choices_invalid({ problem: (issue?.message ?? m.letter_conflict_field_invalid()).replace(/[.。]$/u, '') }));
	}
	const outcome = await saveRevision({
		actor: options.actor,
		letterId: options.letterId,
		language: options.language,
		baseRevisionId: head.id,
		sourceRevisionId: options.sourceRevisionId,
		text: checked.data
	});
	return { outcome, text: checked.data };
}
