import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { coalitionInvitations, coalitions, letters, organisationInvitations, organisations, signingInvitations, users } from '../db/schema';
import { signingTitleSql } from './letters-awaiting-signature';

export type WaitingInvitation =
	| { kind: 'organisation'; id: string; organisationName: string; role: string; inviterName: string | null; expiresAt: Date }
	| { kind: 'coalition'; id: string; coalitionName: string; inviterName: string | null; expiresAt: Date }
	| { kind: 'signing'; id: string; letterId: string; title: string; inviterName: string | null; expiresAt: Date | null };

/**
 * Invitations sent to my address that wait for an answer: to join an organisation,
 * to bring an organisation into a coalition, to sign a letter. AU11: only for a
 * confirmed address (an unconfirmed one may not be the person's), compared without
 * case as the invitations are.
 */
export async function listWaitingInvitations(user: { email: string; emailVerified: boolean }): Promise<WaitingInvitation[]> {
	if (!user.emailVerified) return [];
	const email = user.email.toLowerCase();
	const now = new Date();
	const [toOrganisations, toCoalitions, toSign] = await Promise.all([
		db()
			.select({
				id: organisationInvitations.id,
				organisationName: organisations.displayName,
				role: organisationInvitations.role,
				inviterName: users.name,
				expiresAt: organisationInvitations.expiresAt
			})
			.from(organisationInvitations)
			.innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
			.leftJoin(users, eq(users.id, organisationInvitations.invitedBy))
			.where(
				and(
					sql`lower(${organisationInvitations.email}) = ${email}`,
					isNull(organisationInvitations.acceptedAt),
					isNull(organisationInvitations.revokedAt),
					gt(organisationInvitations.expiresAt, now)
				)
			),
		db()
			.select({ id: coalitionInvitations.id, coalitionName: coalitions.name, inviterName: users.name, expiresAt: coalitionInvitations.expiresAt })
			.from(coalitionInvitations)
			.innerJoin(coalitions, eq(coalitions.id, coalitionInvitations.coalitionId))
			.leftJoin(users, eq(users.id, coalitionInvitations.invitedBy))
			.where(
				and(
					sql`lower(${coalitionInvitations.email}) = ${email}`,
					isNull(coalitionInvitations.acceptedAt),
					isNull(coalitionInvitations.revokedAt),
					gt(coalitionInvitations.expiresAt, now)
				)
			),
		db()
			.select({ id: signingInvitations.id, letterId: letters.id, title: signingTitleSql, inviterName: users.name, expiresAt: signingInvitations.expiresAt })
			.from(signingInvitations)
			.innerJoin(letters, and(eq(letters.id, signingInvitations.letterId), eq(letters.state, 'open')))
			.leftJoin(users, eq(users.id, signingInvitations.invitedBy))
			.where(
				and(
					sql`lower(${signingInvitations.email}) = ${email}`,
					// An e-mail invitation is taken once an organisation answers it.
					isNull(signingInvitations.organisationId),
					isNull(signingInvitations.declinedAt),
					or(isNull(signingInvitations.expiresAt), gt(signingInvitations.expiresAt, now))
				)
			)
	]);
	return [
		...toOrganisations.map((row) => ({ kind: 'organisation' as const, ...row })),
		...toCoalitions.map((row) => ({ kind: 'coalition' as const, ...row })),
		...toSign.map((row) => ({ kind: 'signing' as const, ...row }))
	];
}
