import { eq } from 'drizzle-orm';
import type { Executor } from '../db';
import { coalitions } from '../db/schema';
import type { Letter } from '../letters/access';
import { findHeadRevision } from '../letters/revisions';

export async function mailContext(letter: Letter, executor: Executor) {
	const [coalition] = await executor.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, letter.coalitionId));
	const head = await findHeadRevision(letter.id, letter.primaryLanguage, executor);
	// The title stays in the letter's language; each template names an untitled letter and
	// writes the deadline in its reader's language.
	return {
		letterTitle: head?.title ?? '',
		coalition: coalition?.name ?? '',
		deadline: letter.deadlineAt ? { at: letter.deadlineAt, timeZone: letter.deadlineTimeZone ?? 'UTC' } : null
	};
}

/**
 * A personal message (issue 13 point 10) travels only inside the queued mail: it is
 * not stored elsewhere, audited or logged.
 */
export type PersonalMessage = { message?: string | null };
