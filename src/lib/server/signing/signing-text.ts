import canonicalize from 'canonicalize';
import { and, asc, desc, eq } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '../db';
import { letterRevisions, signingTextRevisions, signingTexts } from '../db/schema';
import { AppError } from '../errors';
import { generateId, hashSecret } from '../crypto';
import { m } from '$lib/paraglide/messages.js';

export type SigningText = typeof signingTexts.$inferSelect;

/**
 * The hash a signature binds to: SHA-256 of the RFC 8785 JSON of the letter id and
 * the content hash of each frozen revision, by language. Each content hash covers
 * the words of that language (letters/canonical.ts), so this covers every word.
 */
export function signingTextHash(letterId: string, revisions: { language: string; contentHash: string }[]): string {
	const sorted = [...revisions].sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
	const json = canonicalize({ letterId, revisions: sorted.map((r) => ({ language: r.language, contentHash: r.contentHash })) });
	if (!json) throw new Error('cannot canonicalise the signing text');
	return hashSecret(json);
}

/** Freezes the newest revision of every language as a new signing text. */
export async function freezeSigningText(tx: Transaction, letterId: string, actorId: string): Promise<SigningText> {
	const heads = await tx
		.selectDistinctOn([letterRevisions.language], {
			id: letterRevisions.id,
			language: letterRevisions.language,
			contentHash: letterRevisions.contentHash
		})
		.from(letterRevisions)
		.where(eq(letterRevisions.letterId, letterId))
		.orderBy(letterRevisions.language, desc(letterRevisions.number));
	if (heads.length === 0) throw new AppError('conflict', m.sig_error_no_text());
	const [previous] = await tx
		.select({ number: signingTexts.number })
		.from(signingTexts)
		.where(eq(signingTexts.letterId, letterId))
		.orderBy(desc(signingTexts.number))
		.limit(1);
	const signingText: SigningText = {
		id: generateId(),
		letterId,
		number: (previous?.number ?? 0) + 1,
		hash: signingTextHash(letterId, heads),
		createdBy: actorId,
		createdAt: new Date()
	};
	await tx.insert(signingTexts).values(signingText);
	await tx.insert(signingTextRevisions).values(heads.map((h) => ({ signingTextId: signingText.id, revisionId: h.id, language: h.language })));
	return signingText;
}

/** A signing text with its frozen revisions, primary language first. */
export async function loadSigningText(signingTextId: string, executor: Executor = db()) {
	const [text] = await executor.select().from(signingTexts).where(eq(signingTexts.id, signingTextId));
	if (!text) return undefined;
	const revisions = await executor
		.select({ revision: letterRevisions })
		.from(signingTextRevisions)
		.innerJoin(letterRevisions, eq(letterRevisions.id, signingTextRevisions.revisionId))
		.where(and(eq(signingTextRevisions.signingTextId, signingTextId)))
		.orderBy(asc(signingTextRevisions.language));
	return { ...text, revisions: revisions.map((r) => r.revision) };
}
