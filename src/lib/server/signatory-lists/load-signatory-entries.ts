import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionMembers, signatures } from '../db/schema';
import type { Letter } from '../letters/access';
import { toSignatoryEntry } from './to-signatory-entry';

/**
 * The signatures of a letter as list entries, in one query: those on the current
 * signing text count; active ones on an older text await re-confirmation (CC3).
 * PR1: through toSignatoryEntry, the signer's name and title only where they chose so.
 */
export async function loadSignatoryEntries(letter: Pick<Letter, 'id' | 'coalitionId' | 'signingTextId'>) {
	const rows = await db()
		.select({
			signature: signatures,
			verifiedAt: coalitionMembers.verifiedAt,
			initiator: coalitionMembers.initiator
		})
		.from(signatures)
		.leftJoin(
			coalitionMembers,
			and(eq(coalitionMembers.organisationId, signatures.organisationId), eq(coalitionMembers.coalitionId, letter.coalitionId))
		)
		.where(and(eq(signatures.letterId, letter.id), eq(signatures.status, 'active')));
	const toEntry = ({ signature, verifiedAt, initiator }: (typeof rows)[number]) => toSignatoryEntry(signature, { verifiedAt, initiator });
	return {
		counting: rows.filter((r) => r.signature.signingTextId === letter.signingTextId).map(toEntry),
		awaiting: rows.filter((r) => r.signature.signingTextId !== letter.signingTextId).map(toEntry)
	};
}
