import { eq } from 'drizzle-orm';
import { letters } from '../db/schema';
import { runLetterCommand } from '../letters/run-letter-command';

/** Coordinators decide whether signing may open only once every organisation asked approved the current text. */
export async function setApprovalsRequired(options: { actor: { id: string }; letterId: string; required: boolean }): Promise<void> {
	await runLetterCommand({ command: 'setApprovalsRequired', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		if (ctx.letter.approvalsRequired === options.required) return;
		await ctx.tx.update(letters).set({ approvalsRequired: options.required, updatedAt: new Date() }).where(eq(letters.id, ctx.letter.id));
		await ctx.record({ approvalsRequired: options.required });
	});
}
