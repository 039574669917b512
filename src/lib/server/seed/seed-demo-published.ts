import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, letterRevisions, signatures } from '../db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { generateId } from '../crypto';
import { letterContentHash } from '../letters/canonical';
import { closeSigning } from '../signing/close-signing';
import { openSigning } from '../signing/open-signing';
import { publishLetter } from '../publication/publish-letter';
import { DEMO_ORGANISATIONS } from './demo-data';

const LETTER_ID = 'demo-published-letter';
const COORDINATOR = 'demo-user-oyuna';

const TEXT = {
	title: 'Open letter on the freedom of the press in our homeland',
	addressees: 'To the Ministers of Foreign Affairs of the European Union',
	body: [
		'We, diaspora organisations in eight countries, write to you about the growing pressure on journalists in our homeland.',
		'We ask you to:',
		'1. Raise the cases of detained journalists in every bilateral meeting.\n2. Support independent media through your development programmes.\n3. Send observers to the trials of journalists.',
		'We remain at your disposal for further information.'
	].join('\n\n'),
	closing: 'Respectfully,\nThe undersigned organisations'
};

/**
 * A public letter signed by twelve of the demo organisations and published, so a
 * newcomer sees the public page, the PDF and the verification page at once.
 */
export async function seedDemoPublishedLetter(origin: string): Promise<void> {
	const [existing] = await db().select({ id: letters.id }).from(letters).where(eq(letters.id, LETTER_ID));
	if (existing) return;
	const contentHash = letterContentHash('en', TEXT);
	await db().transaction(async (tx) => {
		await tx.insert(letters).values({ id: LETTER_ID, coalitionId: 'demo-coalition', primaryLanguage: 'en', place: 'Stockholm', visibility: 'public', createdBy: COORDINATOR });
		await tx.insert(letterRevisions).values({ id: 'demo-published-revision-1', letterId: LETTER_ID, language: 'en', number: 1, authorId: COORDINATOR, ...TEXT, contentHash });
		await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'letter.created', actorId: COORDINATOR, data: { letterId: LETTER_ID } });
		await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'revision.saved', actorId: COORDINATOR, data: { revisionId: 'demo-published-revision-1', contentHash } });
	});
	const { hash } = await openSigning({ actor: { id: COORDINATOR }, letterId: LETTER_ID, deadlineAt: null, deadlineTimeZone: null });
	const [letter] = await db().select().from(letters).where(eq(letters.id, LETTER_ID));
	const signers = DEMO_ORGANISATIONS.slice(0, 12);
	await db().transaction(async (tx) => {
		for (const [i, organisation] of signers.entries()) {
			const signer = organisation.members.find(([, role]) => role !== 'member')?.[0] ?? COORDINATOR;
			const id = generateId();
			await tx.insert(signatures).values({
				id,
				letterId: LETTER_ID,
				organisationId: organisation.id,
				signingTextId: letter!.signingTextId!,
				textHash: hash,
				organisationName: organisation.displayName,
				organisationCountry: organisation.country,
				signerId: signer,
				signerName: signer === 'demo-user-erik' ? 'Erik Lindqvist' : 'Demo signer',
				signerTitle: signer === 'demo-user-erik' ? 'Chair' : null,
				signerNamePublic: signer === 'demo-user-erik',
				method: 'password',
				signedAt: new Date(Date.now() - (12 - i) * 3_600_000)
			});
			await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'signature.added', actorId: signer, data: { signatureId: id, organisationId: organisation.id, textHash: hash } });
		}
	});
	await closeSigning({ actor: { id: COORDINATOR }, letterId: LETTER_ID });
	const session = { id: 'seed', userId: COORDINATOR, expiresAt: new Date(Date.now() + 60_000), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() };
	await publishLetter({
		actor: { id: COORDINATOR },
		session,
		letterId: LETTER_ID,
		letterDate: null,
		pageSize: 'A4',
		includeSignatureRecord: true,
		password: null,
		clientAddress: 'seed',
		origin
	});
}
