import { and, eq, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { coalitionMembers, letters, memberships, organisations, signOnRequests, signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import { loadCoalitionForMember, type CoalitionAccess } from '../coalitions/access';
import type { Letter } from '../letters/access';
import { m } from '$lib/paraglide/messages.js';

export interface SigningAccess {
	letter: Letter;
	/** Set when the person belongs to the letter's coalition. */
	coalition: CoalitionAccess | null;
}

/**
 * Who may read a letter that is open for signatures: its coalition; people of
 * organisations invited by e-mail or allowed to sign on; and, for a public letter,
 * anyone. Everyone else gets the answer for a letter that does not exist (AZ5).
 */
export async function loadLetterForSigning(letterId: string, userId: string | null, executor: Executor = db()): Promise<SigningAccess> {
	if (letterId.length > 64) throw new AppError('not_found', m.sig_letter_not_found());
	const [letter] = await executor.select().from(letters).where(eq(letters.id, letterId));
	if (!letter || letter.state === 'draft') throw new AppError('not_found', m.sig_letter_not_found());
	const coalition = userId ? await loadCoalitionForMember(letter.coalitionId, userId, executor).catch(() => null) : null;
	if (coalition) return { letter, coalition };
	const isPublic = letter.visibility === 'public';
	if (isPublic) return { letter, coalition: null };
	if (userId && (await hasOutsideStanding(letter.id, userId, executor))) return { letter, coalition: null };
	throw new AppError('not_found', m.sig_letter_not_found());
}

/** An organisation of the user was invited by e-mail (and accepted) or asked to sign on. */
async function hasOutsideStanding(letterId: string, userId: string, executor: Executor): Promise<boolean> {
	const orgIds = (await executor.select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId))).map((r) => r.id);
	if (orgIds.length === 0) return false;
	const [invited] = await executor
		.select({ id: signingInvitations.id })
		.from(signingInvitations)
		.where(and(eq(signingInvitations.letterId, letterId), inArray(signingInvitations.organisationId, orgIds)))
		.limit(1);
	if (invited) return true;
	const [requested] = await executor
		.select({ id: signOnRequests.id })
		.from(signOnRequests)
		.where(and(eq(signOnRequests.letterId, letterId), inArray(signOnRequests.organisationId, orgIds)))
		.limit(1);
	return Boolean(requested);
}

/**
 * May this organisation sign this letter: a member of the coalition, invited (an
 * accepted e-mail invitation or a member invitation), or an approved sign-on request.
 */
export async function isEligibleToSign(letter: Letter, organisationId: string, executor: Executor = db()): Promise<boolean> {
	const [member] = await executor
		.select({ id: coalitionMembers.organisationId })
		.from(coalitionMembers)
		.where(and(eq(coalitionMembers.coalitionId, letter.coalitionId), eq(coalitionMembers.organisationId, organisationId)));
	if (member) return true;
	const [invited] = await executor
		.select({ id: signingInvitations.id })
		.from(signingInvitations)
		.where(
			// Member invitations name the organisation at once; e-mail ones once accepted.
			and(eq(signingInvitations.letterId, letter.id), eq(signingInvitations.organisationId, organisationId))
		);
	if (invited) return true;
	const [approved] = await executor
		.select({ id: signOnRequests.id })
		.from(signOnRequests)
		.where(and(eq(signOnRequests.letterId, letter.id), eq(signOnRequests.organisationId, organisationId), eq(signOnRequests.status, 'approved')));
	return Boolean(approved);
}

/** The user's organisations in which they may sign (owner or signatory), with name and country. */
export async function listSigningOrganisations(userId: string, executor: Executor = db()) {
	return executor
		.select({ id: organisations.id, displayName: organisations.displayName, country: organisations.country, role: memberships.role })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(and(eq(memberships.userId, userId), inArray(memberships.role, ['owner', 'signatory'])))
		.orderBy(organisations.displayName);
}
