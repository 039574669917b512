import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments, users } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';

export type LetterComment = typeof letterComments.$inferSelect;

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
		if (!parent || parent.deletedAt) throw new AppError('not_found', 'The comment you replied to is gone.');
		if (parent.parentId) throw new AppError('invalid', 'Reply to the first comment of the thread.');
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

async function findComment(letterId: string, commentId: string) {
	if (commentId.length > 64) return undefined;
	const [comment] = await db()
		.select()
		.from(letterComments)
		.where(and(eq(letterComments.letterId, letterId), eq(letterComments.id, commentId)));
	return comment;
}

/** Loads a comment the actor wrote; others' comments are refused (403), missing ones 404. */
async function loadOwnComment(letterId: string, commentId: string, actorId: string) {
	const comment = await findComment(letterId, commentId);
	if (!comment || comment.deletedAt) throw new AppError('not_found', 'That comment does not exist.');
	if (comment.authorId !== actorId) throw new AppError('forbidden', 'You can only change your own comments.');
	return comment;
}

export async function editComment(options: { actor: { id: string }; letterId: string; commentId: string; body: string }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	await loadOwnComment(letter.id, options.commentId, options.actor.id);
	await db().transaction(async (tx) => {
		await tx.update(letterComments).set({ body: options.body, editedAt: new Date() }).where(eq(letterComments.id, options.commentId));
		await appendAuditEvent(tx, { chainId: letter.id, type: 'comment.edited', actorId: options.actor.id, data: { commentId: options.commentId } });
	});
}

/** Deleting keeps the row (replies stay in their thread) but drops the text. */
export async function deleteComment(options: { actor: { id: string }; letterId: string; commentId: string }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	await loadOwnComment(letter.id, options.commentId, options.actor.id);
	await db().transaction(async (tx) => {
		await tx.update(letterComments).set({ body: '', deletedAt: new Date() }).where(eq(letterComments.id, options.commentId));
		await appendAuditEvent(tx, { chainId: letter.id, type: 'comment.deleted', actorId: options.actor.id, data: { commentId: options.commentId } });
	});
}

/** Anyone who may comment may resolve or reopen a thread. */
export async function setCommentResolved(options: { actor: { id: string }; letterId: string; commentId: string; resolved: boolean }) {
	const { letter } = await loadLetterFor('comment', options.letterId, options.actor.id);
	const comment = await findComment(letter.id, options.commentId);
	if (!comment || comment.parentId) throw new AppError('not_found', 'That thread does not exist.');
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

export interface CommentThread {
	comment: CommentView;
	replies: CommentView[];
}

export interface CommentView {
	id: string;
	authorId: string | null;
	authorName: string | null;
	body: string;
	paragraph: number | null;
	language: string | null;
	createdAt: Date;
	editedAt: Date | null;
	deleted: boolean;
	resolved: boolean;
}

/** Threads in the order they were started, replies in order under each. */
export async function listCommentThreads(letterId: string): Promise<CommentThread[]> {
	const rows = await db()
		.select({ comment: letterComments, authorName: users.name })
		.from(letterComments)
		.leftJoin(users, eq(users.id, letterComments.authorId))
		.where(eq(letterComments.letterId, letterId))
		.orderBy(asc(letterComments.createdAt));
	const view = ({ comment, authorName }: (typeof rows)[number]): CommentView => ({
		id: comment.id,
		authorId: comment.authorId,
		authorName,
		body: comment.deletedAt ? '' : comment.body,
		paragraph: comment.paragraph,
		language: comment.language,
		createdAt: comment.createdAt,
		editedAt: comment.editedAt,
		deleted: comment.deletedAt !== null,
		resolved: comment.resolvedAt !== null
	});
	const threads = rows.filter((r) => r.comment.parentId === null).map((r) => ({ comment: view(r), replies: [] as CommentView[] }));
	const byId = new Map(threads.map((t) => [t.comment.id, t]));
	for (const row of rows) {
		if (row.comment.parentId) byId.get(row.comment.parentId)?.replies.push(view(row));
	}
	return threads;
}
