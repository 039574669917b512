import { desc, eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { db, type Executor } from '../db';
import { letterRevisions } from '../db/schema';

export interface CurrentText {
	/** Names the exact text: every language's newest revision. */
	key: string;
	/** The primary language's newest revision, which people are shown ("revision 7"). */
	revision: { id: string; number: number } | null;
}

/**
 * The text an approval is about. A save in any language gives a new key, so an
 * approval given for the old key no longer counts: "any later edit clears it".
 */
export async function currentText(letter: { id: string; primaryLanguage: string }, executor: Executor = db()): Promise<CurrentText> {
	const heads = await executor
		.selectDistinctOn([letterRevisions.language], { id: letterRevisions.id, language: letterRevisions.language, number: letterRevisions.number })
		.from(letterRevisions)
		.where(eq(letterRevisions.letterId, letter.id))
		.orderBy(letterRevisions.language, desc(letterRevisions.number));
	const named = heads.map((h) => `${h.language}:${h.id}`).sort();
	const primary = heads.find((h) => h.language === letter.primaryLanguage);
	return {
		key: encodeHexLowerCase(sha256(new TextEncoder().encode(named.join('\n')))),
		revision: primary ? { id: primary.id, number: primary.number } : null
	};
}
