import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionMembers, signatures } from '../db/schema';
import type { Letter } from '../letters/access';
import { toSignatoryEntry } from './to-signatory-entry';

/**
 * The signatures of a letter as list entries: those on the current signing text
 * count; active ones on an older text await re-confirmation (CC3). PR1: through
 * toSignatoryEntry, the signer's name and title only where they chose so.
 *
 * Two index lookups merged here rather than one join: the join's plan depends on
 * table statistics, and on fresh statistics the planner chose a nested loop that took
 * 300 ms for 1,000 signatures; these two take a few milliseconds whatever the
 * statistics say. Only the columns a list shows are read.
 */
export async function loadSignatoryEntries(letter: Pick<Letter, 'id' | 'coalitionId' | 'signingTextId'>) {
	const [rows, members] = await Promise.all([
		db()
			.select({
				id: signatures.id,
				organisationId: signatures.organisationId,
				organisationName: signatures.organisationName,
				organisationCountry: signatures.organisationCountry,
				signedAt: signatures.signedAt,
				signerName: signatures.signerName,
				signerTitle: signatures.signerTitle,
				signerNamePublic: signatures.signerNamePublic,
				statement: signatures.statement,
				signingTextId: signatures.signingTextId
			})
			.from(signatures)
			.where(and(eq(signatures.letterId, letter.id), eq(signatures.status, 'active'))),
		db()
			.select({ organisationId: coalitionMembers.organisationId, verifiedAt: coalitionMembers.verifiedAt, initiator: coalitionMembers.initiator })
			.from(coalitionMembers)
			.where(eq(coalitionMembers.coalitionId, letter.coalitionId))
	]);
	const membership = new Map(members.map((m) => [m.organisationId, m]));
	const toEntry = (row: (typeof rows)[number]) => toSignatoryEntry(row, membership.get(row.organisationId) ?? { verifiedAt: null, initiator: false });
	return {
		counting: rows.filter((r) => r.signingTextId === letter.signingTextId).map(toEntry),
		awaiting: rows.filter((r) => r.signingTextId !== letter.signingTextId).map(toEntry)
	};
}
