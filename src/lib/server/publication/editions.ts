import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, editions, letters, publications } from '../db/schema';
import { AppError } from '../errors';
import { hashBytes } from '../crypto';
import { m } from '$lib/paraglide/messages.js';

export type Edition = typeof editions.$inferSelect;

/** Editions of a letter, newest first, each with its PDFs (no bytes). */
export async function listEditions(letterId: string) {
	const rows = await db().select().from(editions).where(eq(editions.letterId, letterId)).orderBy(desc(editions.number));
	if (rows.length === 0) return [];
	const files = await db()
		.select({ id: publications.id, editionId: publications.editionId, language: publications.language, title: publications.title, sha256: publications.sha256, size: publications.size })
		.from(publications)
		.where(inArray(publications.editionId, rows.map((r) => r.id)))
		.orderBy(asc(publications.language));
	return rows.map((edition) => ({ ...edition, files: files.filter((f) => f.editionId === edition.id) }));
}

/** An edition by the code printed on its PDF, with its letter and coalition. */
export async function findEditionByCode(code: string) {
	if (!/^[a-z2-7]{6,32}$/.test(code)) throw new AppError('not_found', m.sig_error_no_such_code());
	const [row] = await db()
		.select({ edition: editions, letter: letters, coalitionName: coalitions.name })
		.from(editions)
		.innerJoin(letters, eq(letters.id, editions.letterId))
		.innerJoin(coalitions, eq(coalitions.id, letters.coalitionId))
		.where(eq(editions.code, code));
	if (!row) throw new AppError('not_found', m.sig_error_no_such_code());
	return row;
}

/** IG3: a file is genuine only if its bytes hash to a stored publication's SHA-256. */
export async function matchPublishedPdf(bytes: Uint8Array, editionId?: string) {
	const sha256 = hashBytes(bytes);
	const [match] = await db()
		.select({ id: publications.id, language: publications.language, editionId: publications.editionId, number: editions.number, code: editions.code })
		.from(publications)
		.innerJoin(editions, eq(editions.id, publications.editionId))
		.where(editionId ? and(eq(publications.sha256, sha256), eq(publications.editionId, editionId)) : eq(publications.sha256, sha256));
	return { sha256, match: match ?? null };
}

/** The stored PDF bytes of one publication. */
export async function loadPublication(publicationId: string) {
	if (publicationId.length > 64) return undefined;
	const [row] = await db()
		.select({ publication: publications, letterId: editions.letterId, editionNumber: editions.number, code: editions.code })
		.from(publications)
		.innerJoin(editions, eq(editions.id, publications.editionId))
		.where(eq(publications.id, publicationId));
	return row;
}
