import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { freezeSigningText } from './signing-text';

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
		throw new AppError('invalid', 'The deadline must be in the future.');
	}
	return runLetterCommand({ command: 'openSigning', actor: options.actor, letterId: options.letterId }, async (ctx) => {
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
