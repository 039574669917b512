/**
 * HOOK for issue 13 point 4 (approval of the final text), built on another branch:
 * the revisions whose approval is asked of an organisation I may approve for. There
 * is no approvals table on this branch, so nothing is ever requested; whoever adds
 * approvals fills this in (one query) and the start page and header count show it.
 */
export interface ApprovalRequested {
	letterId: string;
	title: string;
	organisationName: string;
	revisionNumber: number;
}

export async function listApprovalsRequested(userId: string): Promise<ApprovalRequested[]> {
	void userId;
	return [];
}
