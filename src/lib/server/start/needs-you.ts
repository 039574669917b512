import type { SessionUser } from '../auth/session';
import { listApprovalsRequested } from './approvals-requested';
import { listDraftsWithNews } from './drafts-with-news';
import { listLettersAwaitingSignature, listReconfirmationsRequested } from './letters-awaiting-signature';
import { listWaitingInvitations } from './waiting-invitations';

/**
 * Everything that waits for this person, for the start page and the header's count:
 * a fixed number of queries (one per kind, three for invitations), whatever the
 * number of letters, organisations or coalitions.
 */
export async function loadNeedsYou(user: Pick<SessionUser, 'id' | 'email' | 'emailVerified'>) {
	const [toSign, toReconfirm, invitations, drafts, approvals] = await Promise.all([
		listLettersAwaitingSignature(user.id),
		listReconfirmationsRequested(user.id),
		listWaitingInvitations(user),
		listDraftsWithNews(user.id),
		listApprovalsRequested(user.id)
	]);
	const count = toSign.length + toReconfirm.length + invitations.length + drafts.length + approvals.length;
	return { toSign, toReconfirm, invitations, drafts, approvals, count };
}

export type NeedsYou = Awaited<ReturnType<typeof loadNeedsYou>>;
