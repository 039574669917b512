import { eq } from 'drizzle-orm';
import { coalitionMembers, signingInvitations } from '../db/schema';
import { generateId } from '../crypto';
import { signInvitationMail } from '../mail/templates';
import { localeOfLanguage, readerLocale } from '../mail/reader-locale';
import { runLetterCommand } from '../letters/run-letter-command';
import { signersOf } from '../organisations/signers-of';
import { mailContext, type PersonalMessage } from './signing-invitation-mail';

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
			people.map((person) => ({ kind: 'signing_invitation' as const, letterId: letter.id, message: signInvitationMail(person.email, { ...context, inviter: options.actor.name, message: options.message ?? null, url }, readerLocale(person.locale, localeOfLanguage(letter.primaryLanguage))) }))
		);
		return { count: invited.length };
	});
}
