import { runLetterCommand } from '../letters/run-letter-command';

/** A closed letter takes signatures again. */
export async function reopenSigning(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await runLetterCommand({ command: 'reopenSigning', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		await ctx.moveLetter({ closedAt: null });
		await ctx.record({ state: 'open' });
	});
}
