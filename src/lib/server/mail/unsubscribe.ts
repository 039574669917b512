import { inArray, eq } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '../db';
import { mailSuppressions, unsubscribeTokens } from '../db/schema';
import { generateToken, hashSecret } from '../crypto';

/**
 * AV6: recipients of distribution mail can stop further letters from this
 * instance in one click. Only hashes are stored: SHA-256 of the lower-cased address
 * (the suppression list names nobody) and of each link's token (as for every token).
 */
export function addressHash(address: string): string {
	return hashSecret(address.trim().toLowerCase());
}

/** A random token is 32 base32 characters; anything else is not one of ours. */
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export function isUnsubscribeTokenShape(token: string): boolean {
	return token.length === 32 && TOKEN_SHAPE.test(token);
}

/** A new unsubscribe link for one message to `address`, written in the transaction that queues it. */
export async function createUnsubscribeLinks(tx: Transaction, addresses: string[], origin: string): Promise<string[]> {
	const rows = addresses.map((address) => ({ token: generateToken(), addressHash: addressHash(address) }));
	for (let i = 0; i < rows.length; i += 1000) {
		await tx.insert(unsubscribeTokens).values(rows.slice(i, i + 1000).map((r) => ({ tokenHash: hashSecret(r.token), addressHash: r.addressHash })));
	}
	return rows.map((r) => `${origin}/unsubscribe/${r.token}`);
}

/** Whether a token is one we issued, and whether its address has already stopped mail. */
export async function findUnsubscribeToken(token: string): Promise<{ addressHash: string; unsubscribed: boolean } | undefined> {
	if (!isUnsubscribeTokenShape(token)) return undefined;
	const [row] = await db().select({ addressHash: unsubscribeTokens.addressHash }).from(unsubscribeTokens).where(eq(unsubscribeTokens.tokenHash, hashSecret(token)));
	if (!row) return undefined;
	const [suppressed] = await db().select({ at: mailSuppressions.createdAt }).from(mailSuppressions).where(eq(mailSuppressions.addressHash, row.addressHash));
	return { addressHash: row.addressHash, unsubscribed: Boolean(suppressed) };
}

/**
 * Stops further letters to the token's address. Idempotent: a second click (or a
 * provider's retried POST) changes nothing. Unknown tokens answer false.
 */
export async function unsubscribeWithToken(token: string, source: 'one_click' | 'page'): Promise<boolean> {
	const found = await findUnsubscribeToken(token);
	if (!found) return false;
	await db().insert(mailSuppressions).values({ addressHash: found.addressHash, source }).onConflictDoNothing();
	return true;
}

/** Which of these addresses asked for no more letters (lower-cased addresses in the answer). */
export async function suppressedAddresses(addresses: string[], executor: Executor = db()): Promise<Set<string>> {
	const byHash = new Map(addresses.map((a) => [addressHash(a), a.trim().toLowerCase()]));
	if (byHash.size === 0) return new Set();
	const found = new Set<string>();
	const hashes = [...byHash.keys()];
	for (let i = 0; i < hashes.length; i += 1000) {
		const rows = await executor
			.select({ addressHash: mailSuppressions.addressHash })
			.from(mailSuppressions)
			.where(inArray(mailSuppressions.addressHash, hashes.slice(i, i + 1000)));
		for (const row of rows) found.add(byHash.get(row.addressHash)!);
	}
	return found;
}
