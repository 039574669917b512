import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments } from '../db/schema';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

export type LetterComment = typeof letterComments.$inferSelect;

export async function findComment(letterId: string, commentId: string) {
	if (commentId.length > 64) return undefined;
	const [comment] = await db()
		.select()
		.from(letterComments)
		.where(and(eq(letterComments.letterId, letterId), eq(letterComments.id, commentId)));
	return comment;
}

/** Loads a comment the actor wrote; others' comments are refused (403), missing ones 404. */
export async function loadOwnComment(letterId: string, commentId: string, actorId: string) {
	const comment = await findComment(letterId, commentId);
	if (!comment || comment.deletedAt) throw new AppError('not_found', m.letter_comment_not_found());
	if (comment.authorId !== actorId) throw new AppError('forbidden', m.letter_comment_not_yours());
	return comment;
}
