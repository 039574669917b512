import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations, coalitionMembers, coalitions, users } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { generateId, generateToken, hashSecret } from '../crypto';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { coalitionInvitationMail } from '../mail/templates';
import { loadOrganisationForOwner } from '../organisations/access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { runCommand } from '../commands/run-command';
import { loadCoalitionForCoordinator } from './access';
import { refuseDuplicateMemberName } from '../organisations/name-skeleton';

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
				expires: expiresAt.toUTCString()
			})
		});
	});
	return { id };
}

export async function listPendingCoalitionInvitations(coalitionId: string) {
	return db()
		.select({ id: coalitionInvitations.id, email: coalitionInvitations.email, expiresAt: coalitionInvitations.expiresAt })
		.from(coalitionInvitations)
		.where(
			and(
				eq(coalitionInvitations.coalitionId, coalitionId),
				isNull(coalitionInvitations.acceptedAt),
				isNull(coalitionInvitations.revokedAt),
				gt(coalitionInvitations.expiresAt, new Date())
			)
		)
		.orderBy(asc(coalitionInvitations.createdAt));
}

export async function revokeCoalitionInvitation(options: { actor: { id: string }; coalitionId: string; invitationId: string }) {
	await loadCoalitionForCoordinator(options.coalitionId, options.actor.id);
	await db().transaction(async (tx) => {
		const revoked = await tx
			.update(coalitionInvitations)
			.set({ revokedAt: new Date() })
			.where(
				and(
					eq(coalitionInvitations.id, options.invitationId),
					eq(coalitionInvitations.coalitionId, options.coalitionId),
					isNull(coalitionInvitations.acceptedAt),
					isNull(coalitionInvitations.revokedAt)
				)
			)
			.returning({ id: coalitionInvitations.id });
		if (revoked.length === 0) throw new AppError('not_found', 'That invitation is not waiting any more.');
		await appendAuditEvent(tx, {
			chainId: options.coalitionId,
			type: 'coalition.invitation_revoked',
			actorId: options.actor.id,
			data: { invitationId: options.invitationId }
		});
	});
}

/** Used, withdrawn and expired invitations each get their own message (AU4). */
export async function findCoalitionInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const [row] = await db()
		.select({ invitation: coalitionInvitations, coalitionName: coalitions.name, inviterName: users.name })
		.from(coalitionInvitations)
		.innerJoin(coalitions, eq(coalitions.id, coalitionInvitations.coalitionId))
		.leftJoin(users, eq(users.id, coalitionInvitations.invitedBy))
		.where(typeof key === 'string' ? eq(coalitionInvitations.tokenHash, hashSecret(key)) : eq(coalitionInvitations.id, key.id));
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the coalition to invite you again.');
	if (row.invitation.acceptedAt) throw new AppError('token_used', 'This invitation was already accepted.');
	if (row.invitation.revokedAt) throw new AppError('token_invalid', 'This invitation was withdrawn by the coalition.');
	if (row.invitation.expiresAt < new Date()) {
		throw new AppError('token_expired', 'This invitation has expired. Ask the coalition to invite you again.');
	}
	return row;
}

/** An owner accepts on behalf of one of their organisations, from the account the invitation was sent to (AU11). */
export async function acceptCoalitionInvitation(options: {
	token: InvitationKey;
	actor: { id: string; email: string; emailVerified: boolean };
	organisationId: string;
}): Promise<{ coalitionId: string }> {
	const { invitation, coalitionName } = await findCoalitionInvitation(options.token);
	requireInvitedAccount(invitation.email, options.actor, `the coordinators of ${coalitionName}`);
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await refuseDuplicateMemberName({ coalitionId: invitation.coalitionId, organisationId: options.organisationId }); // IN3
	await db().transaction(async (tx) => {
		const taken = await tx
			.update(coalitionInvitations)
			.set({ acceptedAt: new Date(), acceptedBy: options.actor.id, acceptedOrganisationId: options.organisationId })
			.where(and(eq(coalitionInvitations.id, invitation.id), isNull(coalitionInvitations.acceptedAt)))
			.returning({ id: coalitionInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', 'This invitation was already accepted.');
		const added = await tx
			.insert(coalitionMembers)
			.values({ coalitionId: invitation.coalitionId, organisationId: options.organisationId, addedBy: options.actor.id })
			.onConflictDoNothing()
			.returning({ id: coalitionMembers.organisationId });
		await appendAuditEvent(tx, {
			chainId: invitation.coalitionId,
			type: 'coalition.invitation_accepted',
			actorId: options.actor.id,
			data: { invitationId: invitation.id, organisationId: options.organisationId }
		});
		if (added.length > 0) {
			await appendAuditEvent(tx, {
				chainId: invitation.coalitionId,
				type: 'coalition.member_added',
				actorId: options.actor.id,
				data: { organisationId: options.organisationId }
			});
		}
	});
	return { coalitionId: invitation.coalitionId };
}
