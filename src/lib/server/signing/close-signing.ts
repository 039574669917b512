import { runLetterCommand } from '../letters/run-letter-command';

/**
 * CC2: closing locks the letter row FOR UPDATE, so it waits for the signatures in
 * flight (they hold it FOR SHARE) and any later one finds the letter closed.
 */
export async function closeSigning(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await runLetterCommand({ command: 'closeSigning', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		await ctx.moveLetter({ closedAt: new Date() });
		await ctx.record({ state: 'closed' });
	});
}
