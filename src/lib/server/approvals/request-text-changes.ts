import { answerApproval, type ApprovalAnswer } from './answer-approval';

/** An organisation asked to approve the text asks for changes instead, with a note the coordinators are mailed. */
export async function requestTextChanges(options: ApprovalAnswer & { note: string }): Promise<void> {
	await answerApproval('requestTextChanges', options, { status: 'changes_requested', note: options.note });
}
