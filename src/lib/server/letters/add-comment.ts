import { db } from '../db';
import { letterComments } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';
import { findComment } from './comment-lookup';
import { m } from '$lib/paraglide/messages.js';

/** Everyone who may see the letter may comment, on the whole text or on one paragraph, or reply. */
export async function addComment(options: {
	actor: { id: string };
	letterId: string;
	body: string;
	paragraph: number | null;
	language: string | null;
	parentId: string | null;
}): Promise<{ id: string }> {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	let paragraph = options.paragraph;
	let language = options.language;
	if (options.parentId) {
		const parent = await findComment(letter.id, options.parentId);
		if (!parent || parent.deletedAt) throw new AppError('not_found', m.letter_comment_parent_gone());
		if (parent.parentId) throw new AppError('invalid', m.letter_comment_reply_to_first());
		paragraph = parent.paragraph;
		language = parent.language;
	}
	const id = generateId();
	await db().transaction(async (tx) => {
		await tx.insert(letterComments).values({
			id,
			letterId: letter.id,
			parentId: options.parentId,
			authorId: options.actor.id,
			body: options.body,
			paragraph,
			language
		});
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'comment.added',
			actorId: options.actor.id,
			data: { commentId: id, parentId: options.parentId, paragraph }
		});
	});
	return { id };
}
