import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { memberships, organisationInvitations, users, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { invitationMail } from '../mail/templates';
import { currentRequestLocale, readerLocale } from '../mail/reader-locale';
import { findUserByEmail } from '../auth/users';
import { runCommand } from '../commands/run-command';
import { loadOrganisationForOwner } from './access';
import { m } from '$lib/paraglide/messages.js';

const LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** An owner invites an e-mail address with a role; the link is single-use and expires in 7 days. */
export async function inviteMember(options: {
	actor: { id: string; name: string };
	organisationId: string;
	email: string;
	role: OrganisationRole;
	/** Issue 13 point 10: travels only inside the queued mail. */
	message?: string | null;
	origin: string;
}): Promise<{ id: string }> {
	const { organisation } = await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await consumeRateLimit(`invite:user:${options.actor.id}`, LIMITS.invitePerUser);
	const [member] = await db()
		.select({ id: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, organisation.id), eq(users.email, options.email)));
	if (member) throw new AppError('conflict', m.coal_error_already_member());
	const token = generateToken();
	const id = generateId();
	const expiresAt = new Date(Date.now() + LIFETIME_MS);
	// Issue 14: an address with an account reads its saved language; else the inviter's.
	const account = await findUserByEmail(options.email);
	await runCommand(async (ctx) => {
		await ctx.tx.insert(organisationInvitations).values({
			id,
			organisationId: organisation.id,
			email: options.email,
			role: options.role,
			tokenHash: hashSecret(token),
			invitedBy: options.actor.id,
			expiresAt
		});
		await ctx.queueMail({
			kind: 'organisation_invitation',
			message: invitationMail(options.email, {
				organisation: organisation.displayName,
				inviter: options.actor.name,
				role: options.role,
				message: options.message ?? null,
				url: `${options.origin}/invitations/${token}`,
				expires: expiresAt
			}, readerLocale(account?.locale, currentRequestLocale()))
		});
	});
	return { id };
}
