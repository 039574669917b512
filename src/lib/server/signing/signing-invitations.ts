import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { coalitionMembers, coalitions, organisations, signatures, signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import { requireInvitedAccount, type InvitationKey } from '../invitations/invited-address';
import { generateId, generateToken, hashSecret } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { consumeRateLimit, LIMITS } from '../auth/rate-limit';
import { signInvitationMail, signReminderMail } from '../mail/templates';
import { loadLetterFor, type Letter } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { findHeadRevision } from '../letters/revisions';
import { formatInZone } from './zoned-time';
import { signersOf } from '../organisations/signers-of';

const EMAIL_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;

async function mailContext(letter: Letter, executor: Executor) {
	const [coalition] = await executor.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, letter.coalitionId));
	const head = await findHeadRevision(letter.id, letter.primaryLanguage, executor);
	return {
		letterTitle: head?.title ?? 'Untitled letter',
		coalition: coalition?.name ?? '',
		deadline: letter.deadlineAt ? formatInZone(letter.deadlineAt, letter.deadlineTimeZone ?? 'UTC') : null
	};
}

/**
 * A personal message (issue 13 point 10) travels only inside the queued mail: it is
 * not stored elsewhere, audited or logged.
 */
type PersonalMessage = { message?: string | null };

/** One click: every member organisation not yet invited is invited, and its signers are mailed. */
export async function inviteMemberOrganisations(options: { actor: { id: string; name: string }; letterId: string; origin: string } & PersonalMessage) {
	return runLetterCommand({ command: 'inviteOrganisationsToSign', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { tx, letter } = ctx;
		const members = await tx.select({ id: coalitionMembers.organisationId }).from(coalitionMembers).where(eq(coalitionMembers.coalitionId, letter.coalitionId));
		const rows = members.length
			? await tx
					.insert(signingInvitations)
					.values(members.map((m) => ({ id: generateId(), letterId: letter.id, organisationId: m.id, invitedBy: options.actor.id })))
					.onConflictDoNothing()
					.returning({ organisationId: signingInvitations.organisationId })
			: [];
		const invited = rows.map((r) => r.organisationId as string);
		if (invited.length === 0) return { count: 0 };
		await ctx.record({ organisationIds: invited });
		const context = await mailContext(letter, tx);
		const url = `${options.origin}/letters/${letter.id}/sign`;
		const people = await signersOf(invited, tx);
		await ctx.queueMail(
			people.map((person) => ({ kind: 'signing_invitation' as const, letterId: letter.id, message: signInvitationMail(person.email, { ...context, inviter: options.actor.name, message: options.message ?? null, url }) }))
		);
		return { count: invited.length };
	});
}

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
		await ctx.queueMail({
			kind: 'signing_invitation',
			letterId: letter.id,
			message: signInvitationMail(options.email, {
				...context,
				inviter: options.actor.name,
				message: options.message ?? null,
				url: `${options.origin}/sign-invitations/${token}`
			})
		});
		return { id };
	});
}

export async function findSigningInvitation(key: InvitationKey) {
	if (typeof key === 'string' && key.length > 100) throw new AppError('token_invalid', 'This invitation link is not valid.');
	const where = typeof key === 'string' ? eq(signingInvitations.tokenHash, hashSecret(key)) : and(eq(signingInvitations.id, key.id), isNotNull(signingInvitations.tokenHash));
	const [row] = await db().select().from(signingInvitations).where(where);
	if (!row) throw new AppError('token_invalid', 'This invitation link is not valid. Ask the coordinators to invite you again.');
	if (row.acceptedAt || row.organisationId) throw new AppError('token_used', 'This invitation was already used. Open the letter from your organisation’s account.');
	if (row.expiresAt && row.expiresAt < new Date()) throw new AppError('token_expired', 'This invitation has expired. Ask the coordinators to invite you again.');
	return row;
}

/** A signatory or owner takes an e-mail invitation for one of their organisations (single use), from the account it was sent to (AU11). */
export async function acceptSigningInvitation(options: { token: InvitationKey; actor: { id: string; email: string; emailVerified: boolean }; organisationId: string }) {
	const invitation = await findSigningInvitation(options.token);
	// Member invitations carry no token; every e-mail one names its address.
	requireInvitedAccount(invitation.email ?? '', options.actor, 'the letter’s coordinators');
	await requireMayActForOrganisation({
		userId: options.actor.id,
		organisationId: options.organisationId,
		power: 'sign',
		message: 'Only a signatory or owner can answer for the organisation.'
	});
	await db().transaction(async (tx) => {
		// If the organisation was already invited another way, that invitation stands.
		await tx
			.delete(signingInvitations)
			.where(and(eq(signingInvitations.letterId, invitation.letterId), eq(signingInvitations.organisationId, options.organisationId), isNull(signingInvitations.tokenHash)));
		const taken = await tx
			.update(signingInvitations)
			.set({ organisationId: options.organisationId, openedAt: sql`coalesce(${signingInvitations.openedAt}, now())` })
			.where(and(eq(signingInvitations.id, invitation.id), isNull(signingInvitations.organisationId)))
			.returning({ id: signingInvitations.id });
		if (taken.length === 0) throw new AppError('token_used', 'This invitation was already used.');
		await appendAuditEvent(tx, {
			chainId: invitation.letterId,
			type: 'signing.invitation_accepted',
			actorId: options.actor.id,
			data: { invitationId: invitation.id, organisationId: options.organisationId }
		});
	});
	return { letterId: invitation.letterId };
}

/** Marks an organisation's invitation as opened the first time one of its people reads the sign page. */
export async function markInvitationOpened(letterId: string, organisationIds: string[]) {
	if (organisationIds.length === 0) return;
	await db()
		.update(signingInvitations)
		.set({ openedAt: new Date() })
		.where(and(eq(signingInvitations.letterId, letterId), inArray(signingInvitations.organisationId, organisationIds), isNull(signingInvitations.openedAt)));
}

/** An organisation says it will not sign. */
export async function declineToSign(options: { actor: { id: string }; letterId: string; organisationId: string }) {
	await requireMayActForOrganisation({
		userId: options.actor.id,
		organisationId: options.organisationId,
		power: 'sign',
		message: 'Only a signatory or owner can answer for the organisation.'
	});
	await db().transaction(async (tx) => {
		const declined = await tx
			.update(signingInvitations)
			.set({ declinedAt: new Date() })
			.where(and(eq(signingInvitations.letterId, options.letterId), eq(signingInvitations.organisationId, options.organisationId)))
			.returning({ id: signingInvitations.id });
		if (declined.length === 0) throw new AppError('not_found', 'Your organisation has no invitation to decline.');
		await appendAuditEvent(tx, { chainId: options.letterId, type: 'signing.declined', actorId: options.actor.id, data: { organisationId: options.organisationId } });
	});
}

export type InvitationStatus = 'signed' | 'declined' | 'opened' | 'invited' | 'pending';

/** The coordinators' dashboard: each invited organisation (or address) with where it stands. */
export async function listInvitationStatuses(letterId: string) {
	const rows = await db()
		.select({
			id: signingInvitations.id,
			organisationId: signingInvitations.organisationId,
			organisationName: organisations.displayName,
			email: signingInvitations.email,
			createdAt: signingInvitations.createdAt,
			openedAt: signingInvitations.openedAt,
			declinedAt: signingInvitations.declinedAt,
			lastRemindedAt: signingInvitations.lastRemindedAt,
			signed: sql<boolean>`exists (select 1 from ${signatures} s where s.letter_id = ${letterId} and s.organisation_id = "signing_invitations"."organisation_id" and s.status = 'active')`
		})
		.from(signingInvitations)
		.leftJoin(organisations, eq(organisations.id, signingInvitations.organisationId))
		.where(eq(signingInvitations.letterId, letterId))
		.orderBy(organisations.displayName, signingInvitations.email);
	return rows.map((row) => ({
		...row,
		status: (row.signed ? 'signed' : row.declinedAt ? 'declined' : row.openedAt ? 'opened' : row.organisationId ? 'invited' : 'pending') as InvitationStatus
	}));
}

/**
 * Mails everyone still pending, at most once per organisation (or address) per day:
 * the conditional update claims the reminder, so two coordinators clicking at once
 * send one.
 */
export async function sendReminders(options: { actor: { id: string; name: string }; letterId: string; origin: string } & PersonalMessage) {
	return runLetterCommand({ command: 'remindSignatories', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { tx, letter } = ctx;
		const cutoff = new Date(Date.now() - REMINDER_INTERVAL_MS);
		const claimed = await tx
			.update(signingInvitations)
			.set({ lastRemindedAt: new Date() })
			.where(
				and(
					eq(signingInvitations.letterId, letter.id),
					// Addresses that have not taken their e-mail invitation yet can only use its
					// link, which is stored hashed; they are not reminded.
					isNotNull(signingInvitations.organisationId),
					isNull(signingInvitations.declinedAt),
					or(isNull(signingInvitations.lastRemindedAt), lt(signingInvitations.lastRemindedAt, cutoff)),
					sql`not exists (select 1 from ${signatures} s where s.letter_id = ${letter.id} and s.organisation_id = "signing_invitations"."organisation_id" and s.status = 'active')`
				)
			)
			.returning({ id: signingInvitations.id, organisationId: signingInvitations.organisationId });
		if (claimed.length === 0) return { count: 0 };
		await ctx.record({ invitationIds: claimed.map((r) => r.id) });
		const context = await mailContext(letter, tx);
		const url = `${options.origin}/letters/${letter.id}/sign`;
		const people = await signersOf(claimed.map((c) => c.organisationId).filter((id): id is string => id !== null), tx);
		const details = { ...context, sender: options.actor.name, message: options.message ?? null, url };
		await ctx.queueMail(people.map((person) => ({ kind: 'signing_reminder' as const, letterId: letter.id, message: signReminderMail(person.email, details) })));
		return { count: claimed.length };
	});
}
