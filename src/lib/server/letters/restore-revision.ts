import { AppError } from '../errors';
import { loadLetterFor } from './access';
import { findHeadRevision, findRevision, type LetterRevision } from './revisions';
import { saveRevision } from './save-revision';
import { m } from '$lib/paraglide/messages.js';

/**
 * Issue 13, point 9: brings an older revision's text back as a new revision on the
 * current head, so history is added to, never rewritten; the audit entry names the
 * revision restored. Only while the letter is a draft (once open, the text is
 * amended through a new signing text), and only on the head the person saw: if
 * someone saved since, they look again first.
 */
export async function restoreRevision(options: { actor: { id: string }; letterId: string; revisionId: string; headRevisionId: string }): Promise<{ status: 'saved' | 'unchanged'; revision: LetterRevision }> {
	const { letter } = await loadLetterFor('edit', options.letterId, options.actor.id);
	const restored = await findRevision(letter.id, options.revisionId);
	if (!restored) throw new AppError('not_found', m.letter_revision_not_found());
	if (letter.state !== 'draft') {
		throw new AppError('wrong_state', m.letter_restore_not_draft());
	}
	const head = await findHeadRevision(letter.id, restored.language);
	if (!head || head.id !== options.headRevisionId) {
		throw new AppError('stale_revision', m.letter_restore_stale());
	}
	if (head.contentHash === restored.contentHash) return { status: 'unchanged', revision: head };
	const outcome = await saveRevision({
		actor: options.actor,
		letterId: letter.id,
		language: restored.language,
		baseRevisionId: head.id,
		sourceRevisionId: restored.sourceRevisionId,
		text: { title: restored.title, addressees: restored.addressees, body: restored.body, closing: restored.closing },
		restoredFromRevisionId: restored.id
	});
	if (outcome.status === 'conflict') {
		throw new AppError('stale_revision', m.letter_restore_stale_meanwhile());
	}
	// 'merged': a save slipped in between the check above and this one; its changes are kept alongside.
	return { status: outcome.status === 'unchanged' ? 'unchanged' : 'saved', revision: outcome.revision };
}
