import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { db } from '../db';
import { letterRevisions, users } from '../db/schema';
import { hashSecret } from '../crypto';
import { TEXT_FIELDS, type Conflict, type TextField } from './merge-text';
import type { LetterRevision } from './revisions';

/** Who saved the other version of a passage: their name (null for a former member), when, and which revision. */
export interface ChangedBy {
	authorName: string | null;
	at: Date;
	number: number;
}

export interface ConflictPassage extends Conflict {
	changedBy: ChangedBy;
	/** Names this exact passage, so a resolution is applied only to the passage the person saw (resolve-conflict.ts). */
	check: string;
}

/** AV3: the newest revisions looked at; a field changed earlier still than these is credited to the oldest of them. */
const REVISIONS_LOOKED_AT = 100;

export function passageCheck(conflict: Conflict): string {
	return hashSecret(JSON.stringify([conflict.field, conflict.base, conflict.mine, conflict.theirs, conflict.before, conflict.after]));
}

/**
 * Issue 13, point 9: each conflicting passage with the newest revision, saved since
 * the writer's base, that changed its field (the person to talk to about it).
 */
export async function describeConflict(options: { base: LetterRevision | undefined; head: LetterRevision; conflicts: Conflict[] }): Promise<ConflictPassage[]> {
	const { base, head } = options;
	const rows = await db()
		.select({
			number: letterRevisions.number,
			authorName: users.name,
			createdAt: letterRevisions.createdAt,
			title: letterRevisions.title,
			addressees: letterRevisions.addressees,
			body: letterRevisions.body,
			closing: letterRevisions.closing
		})
		.from(letterRevisions)
		.leftJoin(users, eq(users.id, letterRevisions.authorId))
		.where(
			and(
				eq(letterRevisions.letterId, head.letterId),
				eq(letterRevisions.language, head.language),
				gte(letterRevisions.number, base?.number ?? 1),
				lte(letterRevisions.number, head.number)
			)
		)
		.orderBy(desc(letterRevisions.number))
		.limit(REVISIONS_LOOKED_AT + 1);
	const since = rows.filter((r) => r.number > (base?.number ?? 0));
	const changedBy = (field: TextField): ChangedBy => {
		// Newest first: a revision changed the field when it differs from the one before it.
		const found =
			since.find((r, i) => {
				const previous = rows[i + 1];
				return !previous || previous[field] !== r[field];
			}) ?? since.at(-1);
		const revision = found ?? { authorName: null, createdAt: head.createdAt, number: head.number };
		return { authorName: revision.authorName, at: revision.createdAt, number: revision.number };
	};
	const byField = Object.fromEntries(TEXT_FIELDS.map((f) => [f, changedBy(f)])) as Record<TextField, ChangedBy>;
	return options.conflicts.map((conflict) => ({ ...conflict, changedBy: byField[conflict.field], check: passageCheck(conflict) }));
}
