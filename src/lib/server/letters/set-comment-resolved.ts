import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';
import { findComment } from './comment-lookup';
import { m } from '$lib/paraglide/messages.js';

/** Anyone who may comment may resolve or reopen a thread. */
export async function setCommentResolved(options: { actor: { id: string }; letterId: string; commentId: string; resolved: boolean }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	const comment = await findComment(letter.id, options.commentId);
	if (!comment || comment.parentId) throw new AppError('not_found', m.letter_comment_thread_not_found());
	await db().transaction(async (tx) => {
		await tx
			.update(letterComments)
			.set(options.resolved ? { resolvedAt: new Date(), resolvedBy: options.actor.id } : { resolvedAt: null, resolvedBy: null })
			.where(eq(letterComments.id, comment.id));
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: options.resolved ? 'comment.resolved' : 'comment.reopened',
			actorId: options.actor.id,
			data: { commentId: comment.id }
		});
	});
}
