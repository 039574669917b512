import { answerApproval, type ApprovalAnswer } from './answer-approval';

/**
 * An owner or signatory of an organisation asked approves the exact text they read.
 * If anyone saved meanwhile, the answer is refused: approving is about that text.
 */
export async function approveText(options: ApprovalAnswer): Promise<void> {
	await answerApproval('approveText', options, { status: 'approved', note: null });
}
