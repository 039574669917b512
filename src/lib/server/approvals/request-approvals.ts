import { and, eq, inArray } from 'drizzle-orm';
import { coalitionMembers, coalitions, textApprovals } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { runLetterCommand } from '../letters/run-letter-command';
import { findHeadRevision } from '../letters/revisions';
import { approvalRequestMail } from '../mail/templates';
import { localeOfLanguage, readerLocale } from '../mail/reader-locale';
import { signersOf } from '../organisations/signers-of';
import { currentText } from './current-text';
import { m } from '$lib/paraglide/messages.js';

/**
 * Coordinators ask drafting organisations to approve the text as it stands. Each
 * organisation asked gets one request for this exact text (asking again for the
 * same text changes nothing); its owners and signatories are mailed.
 */
export async function requestApprovals(options: {
	actor: { id: string; name: string };
	letterId: string;
	organisationIds: string[];
	message?: string | null;
	origin: string;
}): Promise<{ count: number; revisionNumber: number }> {
	if (options.organisationIds.length === 0) throw new AppError('invalid', m.letter_approval_choose_organisations(), { field: 'organisationIds' });
	return runLetterCommand({ command: 'requestApprovals', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { tx, letter } = ctx;
		const text = await currentText(letter, tx);
		if (!text.revision) throw new AppError('invalid', m.letter_approval_no_text());
		const members = await tx
			.select({ id: coalitionMembers.organisationId })
			.from(coalitionMembers)
			.where(and(eq(coalitionMembers.coalitionId, letter.coalitionId), inArray(coalitionMembers.organisationId, options.organisationIds)));
		// Only member organisations can be asked: an id from elsewhere is refused whole.
		if (members.length !== new Set(options.organisationIds).size) {
			throw new AppError('invalid', m.letter_approval_members_only(), { field: 'organisationIds' });
		}
		const rows = await tx
			.insert(textApprovals)
			.values(members.map((m) => ({ id: generateId(), letterId: letter.id, organisationId: m.id, revisionId: text.revision!.id, textKey: text.key, requestedBy: options.actor.id })))
			.onConflictDoNothing()
			.returning({ organisationId: textApprovals.organisationId });
		const asked = rows.map((r) => r.organisationId);
		if (asked.length === 0) return { count: 0, revisionNumber: text.revision.number };
		await ctx.record({ organisationIds: asked, revisionId: text.revision.id, revisionNumber: text.revision.number });
		const [coalition] = await tx.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, letter.coalitionId));
		const head = await findHeadRevision(letter.id, letter.primaryLanguage, tx);
		const url = `${options.origin}/letters/${letter.id}/approval`;
		const people = await signersOf(asked, tx);
		await ctx.queueMail(
			people.map((person) => ({
				kind: 'approval_request' as const,
				letterId: letter.id,
				message: approvalRequestMail(person.email, {
					letterTitle: head?.title ?? '',
					coalition: coalition?.name ?? '',
					requester: options.actor.name,
					revisionNumber: text.revision!.number,
					message: options.message ?? null,
					url
				}, readerLocale(person.locale, localeOfLanguage(letter.primaryLanguage)))
			}))
		);
		return { count: asked.length, revisionNumber: text.revision.number };
	});
}
