import { asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { letterComments, users } from '../db/schema';

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
