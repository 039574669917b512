import { and, desc, eq, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { letterRevisions, memberships, organisations, textApprovals } from '../db/schema';
import { currentText, type CurrentText } from './current-text';

export type ApprovalStatus = 'requested' | 'approved' | 'changes_requested';

export interface ApprovalView {
	organisationId: string;
	organisationName: string;
	revisionNumber: number;
	status: ApprovalStatus;
	/** False once anyone saved after it was asked: it no longer counts (shown as cleared). */
	current: boolean;
	requestedAt: Date;
	respondedAt: Date | null;
	note: string | null;
}

type Letter = { id: string; primaryLanguage: string };

/** Each organisation's latest approval request on the letter, newest text first. */
export async function listApprovals(letter: Letter, executor: Executor = db()): Promise<{ text: CurrentText; approvals: ApprovalView[] }> {
	const text = await currentText(letter, executor);
	const rows = await executor
		.selectDistinctOn([textApprovals.organisationId], {
			organisationId: textApprovals.organisationId,
			organisationName: organisations.displayName,
			revisionNumber: letterRevisions.number,
			status: textApprovals.status,
			textKey: textApprovals.textKey,
			requestedAt: textApprovals.requestedAt,
			respondedAt: textApprovals.respondedAt,
			note: textApprovals.note
		})
		.from(textApprovals)
		.innerJoin(organisations, eq(organisations.id, textApprovals.organisationId))
		.innerJoin(letterRevisions, eq(letterRevisions.id, textApprovals.revisionId))
		.where(eq(textApprovals.letterId, letter.id))
		.orderBy(textApprovals.organisationId, desc(textApprovals.requestedAt));
	const approvals = rows
		.map(({ textKey, ...row }) => ({ ...row, current: textKey === text.key }))
		.sort((a, b) => a.organisationName.localeCompare(b.organisationName));
	return { text, approvals };
}

/** What opening for signatures needs to know: who was asked about this text and who has not approved it. */
export function approvalGate(approvals: ApprovalView[]): { asked: number; approved: number; missing: string[] } {
	const asked = approvals.filter((a) => a.current);
	const missing = asked.filter((a) => a.status !== 'approved').map((a) => a.organisationName);
	return { asked: asked.length, approved: asked.length - missing.length, missing };
}

/** The organisations a person may answer for that are asked to approve this letter's current text. */
export async function listMyApprovalRequests(letter: Letter, userId: string, executor: Executor = db()) {
	const { text, approvals } = await listApprovals(letter, executor);
	const asked = approvals.filter((a) => a.current);
	if (asked.length === 0) return { text, requests: [] };
	const mine = await executor
		.select({ organisationId: memberships.organisationId })
		.from(memberships)
		.where(
			and(
				eq(memberships.userId, userId),
				inArray(memberships.role, ['owner', 'signatory']),
				inArray(
					memberships.organisationId,
					asked.map((a) => a.organisationId)
				)
			)
		);
	const ids = new Set(mine.map((m) => m.organisationId));
	return { text, requests: asked.filter((a) => ids.has(a.organisationId)) };
}
