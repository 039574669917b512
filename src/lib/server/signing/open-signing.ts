import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { freezeSigningText } from './signing-text';
import { approvalGate, listApprovals } from '../approvals/list-approvals';
import { m } from '$lib/paraglide/messages.js';

/**
 * A coordinator opens a draft for signatures: the newest revision of each language is
 * frozen as the signing text, whose hash every signature binds to.
 */
export async function openSigning(options: {
	actor: { id: string };
	letterId: string;
	deadlineAt: Date | null;
	deadlineTimeZone: string | null;
}): Promise<{ hash: string }> {
	if (options.deadlineAt && options.deadlineAt.getTime() <= Date.now()) {
		throw new AppError('invalid', m.sig_error_deadline_past());
	}
	return runLetterCommand({ command: 'openSigning', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		if (ctx.letter.approvalsRequired) requireApprovals(approvalGate((await listApprovals(ctx.letter, ctx.tx)).approvals));
		const signingText = await freezeSigningText(ctx.tx, ctx.letter.id, options.actor.id);
		const now = new Date();
		await ctx.moveLetter({
			signingTextId: signingText.id,
			deadlineAt: options.deadlineAt,
			deadlineTimeZone: options.deadlineAt ? options.deadlineTimeZone : null,
			openedAt: now,
			closedAt: null
		});
		await ctx.record({ signingTextId: signingText.id, hash: signingText.hash, deadlineAt: options.deadlineAt?.toISOString() ?? null });
		return { hash: signingText.hash };
	});
}

/**
 * Issue 13 point 4: when the coordinators set it, signing opens only on a text that
 * at least one organisation was asked to approve and every one asked approved.
 */
function requireApprovals(gate: ReturnType<typeof approvalGate>) {
	if (gate.asked === 0) {
		throw new AppError('wrong_state', m.sig_error_approvals_none_asked());
	}
	if (gate.missing.length > 0) {
		throw new AppError('wrong_state', m.sig_error_approvals_missing({ organisations: gate.missing.join(', ') }));
	}
}
