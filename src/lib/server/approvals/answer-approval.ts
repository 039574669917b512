import { and, eq } from 'drizzle-orm';
import { coalitionCoordinators, coalitionMembers, organisations, textApprovals, users } from '../db/schema';
import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { findHeadRevision } from '../letters/revisions';
import { changesRequestedMail } from '../mail/templates';
import { readerLocale } from '../mail/reader-locale';
import { currentText } from './current-text';
import { m } from '$lib/paraglide/messages.js';

export interface ApprovalAnswer {
	actor: { id: string; name: string };
	letterId: string;
	organisationId: string;
	/** The text the person read (its key, from the page): they approve that and nothing newer. */
	textKey: string;
	origin: string;
}


/**
 * What approving and asking for changes share (approve-text.ts, request-text-changes.ts):
 * the organisation must still be in the coalition, the text must be the one the person
 * read (a save meanwhile refuses the answer), and a request for that text must exist.
 */
export async function answerApproval(
	command: 'approveText' | 'requestTextChanges',
	options: ApprovalAnswer,
	outcome: { status: 'approved' | 'changes_requested'; note: string | null }
) {
	await runLetterCommand(
		{ command, actor: options.actor, letterId: options.letterId, organisationId: options.organisationId, forbidden: m.letter_approval_forbidden() },
		async (ctx) => {
			const { tx, letter } = ctx;
			const [member] = await tx
				.select({ id: coalitionMembers.organisationId })
				.from(coalitionMembers)
				.where(and(eq(coalitionMembers.coalitionId, letter.coalitionId), eq(coalitionMembers.organisationId, options.organisationId)));
			// AZ5: drafts are the coalition's; an organisation outside it (or that left) does not see this one.
			if (!member) throw new AppError('not_found', m.letter_not_found());
			const text = await currentText(letter, tx);
			if (options.textKey !== text.key) throw new AppError('conflict', m.letter_approval_text_changed());
			const [request] = await tx
				.select({ id: textApprovals.id })
				.from(textApprovals)
				.where(and(eq(textApprovals.letterId, letter.id), eq(textApprovals.organisationId, options.organisationId), eq(textApprovals.textKey, text.key)))
				.for('update');
			if (!request) throw new AppError('not_found', m.letter_approval_not_asked_error());
			await tx
				.update(textApprovals)
				.set({ status: outcome.status, note: outcome.note, respondedBy: options.actor.id, respondedAt: new Date() })
				.where(eq(textApprovals.id, request.id));
			await ctx.record({ organisationId: options.organisationId, revisionId: text.revision?.id ?? null, revisionNumber: text.revision?.number ?? null });
			if (outcome.status === 'changes_requested') await mailCoordinators(ctx, options, outcome.note ?? '', text.revision?.number ?? 0);
		}
	);
}

async function mailCoordinators(
	ctx: Parameters<Parameters<typeof runLetterCommand>[1]>[0],
	options: ApprovalAnswer,
	note: string,
	revisionNumber: number
) {
	const { tx, letter } = ctx;
	const [organisation] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, options.organisationId));
	const head = await findHeadRevision(letter.id, letter.primaryLanguage, tx);
	const coordinators = await tx
		.select({ email: users.email, locale: users.locale })
		.from(coalitionCoordinators)
		.innerJoin(users, eq(users.id, coalitionCoordinators.userId))
		.where(eq(coalitionCoordinators.coalitionId, letter.coalitionId));
	await ctx.queueMail(
		coordinators.map((c) => ({
			kind: 'approval_answer' as const,
			letterId: letter.id,
			message: changesRequestedMail(c.email, {
				letterTitle: head?.title ?? '',
				organisation: organisation?.name ?? '',
				revisionNumber,
				note,
				url: `${options.origin}/letters/${letter.id}/signing#approvals`
			}, readerLocale(c.locale))
		}))
	);
}
