import { signingInvitations } from '../db/schema';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { signInvitationMail } from '../mail/templates';
import { localeOfLanguage, readerLocale } from '../mail/reader-locale';
import { findUserByEmail } from '../auth/users';
import { loadLetterFor } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { mailContext, type PersonalMessage } from './signing-invitation-mail';

const EMAIL_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** An organisation outside the coalition, by e-mail: single use, 30 days, stored hashed. */
export async function inviteToSignByEmail(options: { actor: { id: string; name: string }; letterId: string; email: string; origin: string } & PersonalMessage) {
	// AZ5 before the allowance is counted: outside the coalition the letter does not exist.
	await loadLetterFor('manage', options.letterId, options.actor.id);
	await consumeRateLimit(`invite:user:${options.actor.id}`, LIMITS.invitePerUser);
	return runLetterCommand({ command: 'inviteOrganisationsToSign', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { tx, letter } = ctx;
		const token = generateToken();
		const id = generateId();
		await tx.insert(signingInvitations).values({
			id,
			letterId: letter.id,
			email: options.email,
			tokenHash: hashSecret(token),
			invitedBy: options.actor.id,
			expiresAt: new Date(Date.now() + EMAIL_LIFETIME_MS)
		});
		await ctx.record({ invitationId: id });
		const context = await mailContext(letter, tx);
		// Issue 14: an address with an account reads its saved language; else the letter's.
		const account = await findUserByEmail(options.email, tx);
		await ctx.queueMail({
			kind: 'signing_invitation',
			letterId: letter.id,
			message: signInvitationMail(options.email, {
				...context,
				inviter: options.actor.name,
				message: options.message ?? null,
				url: `${options.origin}/sign-invitations/${token}`
			}, readerLocale(account?.locale, localeOfLanguage(letter.primaryLanguage)))
		});
		return { id };
	});
}
