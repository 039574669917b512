import { eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { letters } from '../db/schema';
import { AppError } from '../errors';
import { loadCoalitionForMember, mayEditText, type CoalitionAccess } from '../coalitions/access';
import { m } from '$lib/paraglide/messages.js';

export type Letter = typeof letters.$inferSelect;

export interface LetterPermissions {
	view: boolean;
	comment: boolean;
	/** Edit the text: coordinators, and owners and signatories of member organisations. */
	edit: boolean;
	/** Settings, translations' languages, membership: coordinators only. */
	manage: boolean;
}

export interface LetterAccess {
	letter: Letter;
	coalition: CoalitionAccess;
	can: LetterPermissions;
}


/**
 * Loads a letter for someone in its coalition; AZ5: for anyone else, exactly the
 * answer for a letter that does not exist.
 */
export async function loadLetter(letterId: string, userId: string, executor: Executor = db()): Promise<LetterAccess> {
	if (letterId.length > 64) throw new AppError('not_found', m.letter_not_found());
	const [letter] = await executor.select().from(letters).where(eq(letters.id, letterId));
	if (!letter) throw new AppError('not_found', m.letter_not_found());
	let coalition: CoalitionAccess;
	try {
		coalition = await loadCoalitionForMember(letter.coalitionId, userId, executor);
	} catch (error) {
		if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', m.letter_not_found());
		throw error;
	}
	const isDraft = letter.state === 'draft';
	return {
		letter,
		coalition,
		can: {
			view: true,
			// A published letter is read-only until a new edition is started.
			comment: letter.state !== 'published',
			// While open, only coordinators amend the text (it then needs a new signing text).
			edit: (isDraft && mayEditText(coalition)) || (letter.state === 'open' && coalition.isCoordinator),
			manage: coalition.isCoordinator
		}
	};
}

export async function loadLetterFor(
	permission: keyof LetterPermissions,
	letterId: string,
	userId: string,
	executor: Executor = db()
): Promise<LetterAccess> {
	const access = await loadLetter(letterId, userId, executor);
	if (!access.can[permission]) {
		const message =
			permission === 'manage'
				? m.letter_only_coordinators()
				: permission === 'comment'
					? m.letter_published_no_comments()
				: access.letter.state === 'published'
					? m.letter_published_read_only()
				: access.letter.state !== 'draft'
					? m.letter_not_draft_only_coordinators_amend()
					: m.letter_edit_not_allowed();
		throw new AppError('forbidden', message);
	}
	return access;
}
