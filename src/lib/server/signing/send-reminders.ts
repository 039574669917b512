import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { signatures, signingInvitations } from '../db/schema';
import { signReminderMail } from '../mail/templates';
import { localeOfLanguage, readerLocale } from '../mail/reader-locale';
import { runLetterCommand } from '../letters/run-letter-command';
import { signersOf } from '../organisations/signers-of';
import { mailContext, type PersonalMessage } from './signing-invitation-mail';

const REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;

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
		await ctx.queueMail(people.map((person) => ({ kind: 'signing_reminder' as const, letterId: letter.id, message: signReminderMail(person.email, details, readerLocale(person.locale, localeOfLanguage(letter.primaryLanguage))) })));
		return { count: claimed.length };
	});
}
