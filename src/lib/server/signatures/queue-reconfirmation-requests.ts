import { and, eq, ne } from 'drizzle-orm';
import { signatures, users } from '../db/schema';
import type { CommandContext } from '../commands/run-command';
import { reconfirmMail } from '../mail/templates';
import { readerLocale } from '../mail/reader-locale';

/**
 * After an amendment, in its transaction: everyone whose active signature is on an
 * older signing text is asked to confirm again, in their saved language (else English).
 */
export async function queueReconfirmationRequests(
	ctx: CommandContext,
	options: { letterId: string; signingTextId: string; letterTitle: string; origin: string }
): Promise<void> {
	const waiting = await ctx.tx
		.select({ organisationName: signatures.organisationName, email: users.email, locale: users.locale })
		.from(signatures)
		.innerJoin(users, eq(users.id, signatures.signerId))
		.where(and(eq(signatures.letterId, options.letterId), eq(signatures.status, 'active'), ne(signatures.signingTextId, options.signingTextId)));
	if (waiting.length === 0) return;
	const url = `${options.origin}/letters/${options.letterId}/sign`;
	await ctx.queueMail(
		waiting.map((w) => ({
			kind: 'reconfirm_request' as const,
			letterId: options.letterId,
			message: reconfirmMail(w.email, { organisation: w.organisationName, letterTitle: options.letterTitle, url }, readerLocale(w.locale))
		}))
	);
}
