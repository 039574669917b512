import { AppError } from '../errors';
import { findHeadRevision } from '../letters/revisions';
import { loadLetterForSigning } from '../signing/access';
import { loadSignatoryEntries } from './load-signatory-entries';
import { groupByCountry, orderSignatories } from './order-signatories';
import { m } from '$lib/paraglide/messages.js';

/**
 * The signatory list: for the coalition, and for everyone once a public letter is
 * open. AZ4: for a letter that is not public, nobody outside the coalition gets it.
 */
export async function getSignatoryList(options: { letterId: string; actor: { id: string } | null }) {
	const { letter, coalition } = await loadLetterForSigning(options.letterId, options.actor?.id ?? null);
	if (!coalition && letter.visibility !== 'public') throw new AppError('not_found', m.pub_letter_not_found());
	const language = letter.primaryLanguage;
	const { counting, awaiting } = await loadSignatoryEntries(letter);
	const ordered = orderSignatories(counting, { ordering: letter.ordering, initiatorsFirst: letter.initiatorsFirst, language });
	const head = await findHeadRevision(letter.id, language);
	return {
		letter,
		title: head?.title ?? '',
		language,
		entries: ordered,
		groups: letter.ordering === 'country' ? groupByCountry(counting, language) : null,
		awaitingCount: coalition ? awaiting.length : 0
	};
}
