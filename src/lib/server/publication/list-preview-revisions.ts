import type { Letter } from '../letters/access';
import { findHeadRevision, listLanguageHeads, type LetterRevision } from '../letters/revisions';
import { loadSigningText } from '../signing/signing-text';

/**
 * The revisions a preview shows (issue 13), one per language, primary first: the text
 * publishing would print now. A closed letter publishes its signing text, even where
 * someone's newest revision differs from it; any other letter shows its newest
 * revisions, the text being worked on.
 */
export async function listPreviewRevisions(letter: Pick<Letter, 'id' | 'state' | 'signingTextId' | 'primaryLanguage'>): Promise<LetterRevision[]> {
	const revisions =
		letter.state === 'closed' && letter.signingTextId
			? ((await loadSigningText(letter.signingTextId))?.revisions ?? [])
			: (await Promise.all((await listLanguageHeads(letter.id)).map((head) => findHeadRevision(letter.id, head.language)))).filter((r) => r !== undefined);
	const rank = (r: LetterRevision) => (r.language === letter.primaryLanguage ? '' : r.language);
	return revisions.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}
