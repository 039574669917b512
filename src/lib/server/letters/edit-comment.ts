import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments } from '../db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';
import { loadOwnComment } from './comment-lookup';

export async function editComment(options: { actor: { id: string }; letterId: string; commentId: string; body: string }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	await loadOwnComment(letter.id, options.commentId, options.actor.id);
	await db().transaction(async (tx) => {
		await tx.update(letterComments).set({ body: options.body, editedAt: new Date() }).where(eq(letterComments.id, options.commentId));
		await appendAuditEvent(tx, { chainId: letter.id, type: 'comment.edited', actorId: options.actor.id, data: { commentId: options.commentId } });
	});
}
