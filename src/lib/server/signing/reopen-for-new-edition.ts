import { runLetterCommand } from '../letters/run-letter-command';

/**
 * Towards a new edition (more signatories, a correction): a published letter opens for
 * signatures again. Published editions stay as they are, downloadable and verifiable.
 */
export async function reopenForNewEdition(options: { actor: { id: string }; letterId: string }): Promise<void> {
	await runLetterCommand({ command: 'reopenForNewEdition', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		await ctx.moveLetter({ closedAt: null });
		await ctx.record({ state: 'open' });
	});
}
