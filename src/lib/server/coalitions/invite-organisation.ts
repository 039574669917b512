import { coalitionInvitations } from '../db/schema';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { coalitionInvitationMail } from '../mail/templates';
import { currentRequestLocale, readerLocale } from '../mail/reader-locale';
import { findUserByEmail } from '../auth/users';
import { runCommand } from '../commands/run-command';
import { loadCoalitionForCoordinator } from './access';

const LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * A coordinator invites an organisation by e-mail. Whoever receives it accepts for an
 * organisation they own, or creates one first. Single use, 14 days, stored hashed.
 */
export async function inviteOrganisation(options: {
	actor: { id: string; name: string };
	coalitionId: string;
	email: string;
	message: string | null;
	origin: string;
}): Promise<{ id: string }> {
	const { coalition } = await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await consumeRateLimit(`invite:user:${options.actor.id}`, LIMITS.invitePerUser);
	const token = generateToken();
	const id = generateId();
	const expiresAt = new Date(Date.now() + LIFETIME_MS);
	// Issue 14: an address with an account reads its saved language; else the inviter's.
	const account = await findUserByEmail(options.email);
	await runCommand(async (ctx) => {
		await ctx.tx.insert(coalitionInvitations).values({
			id,
			coalitionId: coalition.id,
			email: options.email,
			tokenHash: hashSecret(token),
			invitedBy: options.actor.id,
			expiresAt
		});
		await ctx.audit({
			chainId: coalition.id,
			type: 'coalition.invitation_sent',
			actorId: options.actor.id,
			data: { invitationId: id }
		});
		await ctx.queueMail({
			kind: 'coalition_invitation',
			message: coalitionInvitationMail(options.email, {
				coalition: coalition.name,
				inviter: options.actor.name,
				message: options.message,
				url: `${options.origin}/coalition-invitations/${token}`,
				expires: expiresAt
			}, readerLocale(account?.locale, currentRequestLocale()))
		});
	});
	return { id };
}
