import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db';
import { memberships, organisationInvitations, organisations, users, type OrganisationRole } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { invitationMail } from '../mail/templates';
import { runCommand } from '../commands/run-command';
import { ROLE_LABELS } from '$lib/validation/organisation';
import { loadOrganisationForOwner } from './access';

const LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type OrganisationInvitation = typeof organisationInvitations.$inferSelect;

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
	if (member) throw new AppError('conflict', 'That person is already a member of this organisation.');
	const token = generateToken();
	const id = generateId();
	const expiresAt = new Date(Date.now() + LIFETIME_MS);
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
				role: ROLE_LABELS[options.role].toLowerCase(),
				message: options.message ?? null,
				url: `${options.origin}/invitations/${token}`,
				expires: expiresAt.toUTCString()
			})
		});
	});
	return { id };
}

/** Pending invitations, for the owners' view. */
export async function listPendingInvitations(options: { actor: { id: string }; organisationId: string }) {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	return db()
		.select({
			id: organisationInvitations.id,
			email: organisationInvitations.email,
			role: organisationInvitations.role,
			expiresAt: organisationInvitations.expiresAt
		})
		.from(organisationInvitations)
		.where(
			and(
				eq(organisationInvitations.organisationId, options.organisationId),
				isNull(organisationInvitations.acceptedAt),
				isNull(organisationInvitations.revokedAt),
				gt(organisationInvitations.expiresAt, new Date())
			)
		)
		.orderBy(asc(organisationInvitations.createdAt));
}

export async function revokeInvitation(options: { actor: { id: string }; organisationId: string; invitationId: string }) {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await db()
		.update(organisationInvitations)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(organisationInvitations.id, options.invitationId),
				eq(organisationInvitations.organisationId, options.organisationId),
				isNull(organisationInvitations.acceptedAt)
			)
		);
}

export interface InvitationView {
	invitation: OrganisationInvitation;
	organisationName: string;
	inviterName: string | null;
}

/** AU4-style checks: unknown, used, revoked and expired invitations each get a clear message. */
export async function findInvitation(key: InvitationKey): Promise<InvitationView> {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const [row] = await db()
		.select({ invitation: organisationInvitations, organisationName: organisations.displayName, inviterName: users.name })
		.from(organisationInvitations)
		.innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
		.leftJoin(users, eq(users.id, organisationInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(organisationInvitations.tokenHash, hashSecret(key)) : eq(organisationInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the organisation to invite you again.');
	if (row.invitation.acceptedAt) throw new AppError('token_used', 'This invitation was already accepted. Sign in to see the organisation.');
	if (row.invitation.revokedAt) throw new AppError('token_invalid', 'This invitation was withdrawn by the organisation.');
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', 'This invitation has expired. Ask the organisation to invite you again.');
	}
	return row;
}

/**
 * Accepts an invitation for the signed-in account whose confirmed address it was sent
 * to (AU11): single use (a conditional update), and an existing member keeps the
 * higher of the two roles.
 */
export async function acceptInvitation(options: {
	token: InvitationKey;
	actor: { id: string; email: string; emailVerified: boolean };
}): Promise<{ organisationId: string }> {
	const { invitation, organisationName } = await findInvitation(options.token);
	if (!options.actor.emailVerified) throw new AppError('forbidden', 'Confirm your e-mail address first.');
	requireInvitedAccount(invitation.email, options.actor, `an owner of ${organisationName}`);
	await db().transaction(async (tx) => {
		const taken = await tx
			.update(organisationInvitations)
			.set({ acceptedAt: new Date(), acceptedBy: options.actor.id })
			.where(and(eq(organisationInvitations.id, invitation.id), isNull(organisationInvitations.acceptedAt)))
			.returning({ id: organisationInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', 'This invitation was already accepted.');
		const [existing] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.organisationId, invitation.organisationId), eq(memberships.userId, options.actor.id)));
		if (!existing) {
			await tx.insert(memberships).values({ organisationId: invitation.organisationId, userId: options.actor.id, role: invitation.role });
		} else if (rank(invitation.role) > rank(existing.role)) {
			await tx
				.update(memberships)
				.set({ role: invitation.role })
				.where(and(eq(memberships.organisationId, invitation.organisationId), eq(memberships.userId, options.actor.id)));
		}
	});
	return { organisationId: invitation.organisationId };
}

function rank(role: OrganisationRole): number {
	return role === 'owner' ? 2 : role === 'signatory' ? 1 : 0;
}

/**
 * Sign-up through an invitation: if the new account's address is the one invited,
 * the invitation link proved the address, so the account is confirmed at once.
 */
export async function invitationConfirmsEmail(token: string, email: string): Promise<boolean> {
	try {
		const { invitation } = await findInvitation(token);
		return invitation.email === email;
	} catch {
		return false;
	}
}
