import { eq } from 'drizzle-orm';
import { letters, signingTexts } from '../db/schema';
import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { findHeadRevision } from '../letters/revisions';
import { queueReconfirmationRequests } from '../signatures/queue-reconfirmation-requests';
import { freezeSigningText } from './signing-text';
import { m } from '$lib/paraglide/messages.js';

/**
 * While open, coordinators may amend the text: the newest revisions become a new
 * signing text. Signatures on the old one stay bound to it and are listed as awaiting
 * re-confirmation (CC3); their signers are asked, in the same transaction, to confirm again.
 */
export async function amendSigningText(options: { actor: { id: string }; letterId: string; origin: string }): Promise<{ hash: string }> {
	return runLetterCommand({ command: 'amendSigningText', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { tx, letter } = ctx;
		const signingText = await freezeSigningText(tx, letter.id, options.actor.id);
		const [current] = letter.signingTextId
			? await tx.select({ hash: signingTexts.hash }).from(signingTexts).where(eq(signingTexts.id, letter.signingTextId))
			: [];
		if (signingText.hash === current?.hash) throw new AppError('conflict', m.sig_error_nothing_to_amend());
		await tx.update(letters).set({ signingTextId: signingText.id, updatedAt: new Date() }).where(eq(letters.id, letter.id));
		await ctx.record({ signingTextId: signingText.id, hash: signingText.hash });
		const head = await findHeadRevision(letter.id, letter.primaryLanguage, tx);
		await queueReconfirmationRequests(ctx, {
			letterId: letter.id,
			signingTextId: signingText.id,
			letterTitle: head?.title ?? 'Untitled letter',
			origin: options.origin
		});
		return { hash: signingText.hash };
	});
}
