import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letterRevisions } from '../db/schema';
import { loadLetterFor } from '../letters/access';
import { findHeadRevision } from '../letters/revisions';
import { recipientsWithDelivery } from './list-recipients';
import { listSendableEditions } from './queue-distribution';
import { getSendingLimits } from '../coalitions/sending-limits';
import { m } from '$lib/paraglide/messages.js';

/**
 * Everything the coordinators' recipients page shows: the list with each
 * recipient's delivery, the editions that can be sent (newest first), and the
 * languages the letter is written in (a recipient gets the PDF in theirs), and the
 * coalition's sending limits with what is used of them (AV6).
 */
export async function getRecipientsPage(options: { letterId: string; actor: { id: string } }) {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	const [head, list, sendable, languageRows, limits] = await Promise.all([
		findHeadRevision(letter.id, letter.primaryLanguage),
		recipientsWithDelivery(letter.id),
		listSendableEditions(letter.id),
		db().selectDistinct({ language: letterRevisions.language }).from(letterRevisions).where(eq(letterRevisions.letterId, letter.id)),
		getSendingLimits(letter.coalitionId)
	]);
	const languages = [letter.primaryLanguage, ...languageRows.map((r) => r.language).filter((l) => l !== letter.primaryLanguage).sort()];
	return { letter, title: head?.title ?? m.sig_untitled_letter(), recipients: list, editions: sendable, languages, limits };
}
