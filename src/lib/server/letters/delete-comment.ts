import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments } from '../db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';
import { loadOwnComment } from './comment-lookup';

/** Deleting keeps the row (replies stay in their thread) but drops the text. */
export async function deleteComment(options: { actor: { id: string }; letterId: string; commentId: string }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	await loadOwnComment(letter.id, options.commentId, options.actor.id);
	await db().transaction(async (tx) => {
		await tx.update(letterComments).set({ body: '', deletedAt: new Date() }).where(eq(letterComments.id, options.commentId));
		await appendAuditEvent(tx, { chainId: letter.id, type: 'comment.deleted', actorId: options.actor.id, data: { commentId: options.commentId } });
	});
}
