import { beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KIND, resetDatabase, testDatabase } from '../helpers/database';
import { createCoalitionScene, createUser } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { memberships } from '../../src/lib/server/db/schema';
import { appendAuditEvent } from '../../src/lib/server/audit/append-audit-event';
import { AUDIT_EVENT_TYPES, type AuditEventType } from '../../src/lib/server/audit/audit-event';
import { AUDIT_SENTENCES, type SentencePart } from '../../src/lib/server/audit/audit-sentences';
import { listAuditTrail, type AuditTrailEntry } from '../../src/lib/server/audit/audit-trail-view';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import type { Session } from '../../src/lib/server/auth/session';

beforeEach(async () => {
	await testDatabase();
	await resetDatabase();
});

type Scene = Awaited<ReturnType<typeof createCoalitionScene>>;

const text = (sentence: SentencePart[]) => sentence.map((p) => ('name' in p ? p.name : p.text)).join('');
const freshSession = (userId: string): Session => ({ id: 'test', userId, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), createdAt: new Date(), twoFactorPending: false });

/**
 * One entry of each kind, with data shaped as the code that writes it shapes it (and
 * ids that exist in the scene), and a word the sentence must contain. A new kind
 * fails this test until it has a sentence and a line here.
 */
function samples(s: Scene): Record<AuditEventType, { data: Record<string, unknown>; says: string }> {
	const org = s.orgB.id;
	return {
		'letter.created': { data: { letterId: s.letterId, coalitionId: s.coalitionId, primaryLanguage: 'en' }, says: 'started the letter in English' },
		'letter.updated': { data: { place: 'Oslo', visibility: 'coalition' }, says: 'settings' },
		'revision.saved': { data: { revisionId: s.revisionId, language: 'en', number: 1, contentHash: 'a'.repeat(64), baseRevisionId: null, mergedRevisionId: null }, says: 'saved revision 1 of the English text' },
		'translation.saved': { data: { revisionId: 'gone-revision', language: 'fa', number: 2, contentHash: 'b'.repeat(64) }, says: 'saved revision 2 of the Persian translation' },
		'comment.added': { data: { commentId: 'c1', parentId: null, paragraph: 3 }, says: 'commented on paragraph 3' },
		'comment.edited': { data: { commentId: 'c1' }, says: 'edited' },
		'comment.deleted': { data: { commentId: 'c1' }, says: 'deleted' },
		'comment.resolved': { data: { commentId: 'c1' }, says: 'resolved' },
		'comment.reopened': { data: { commentId: 'c1' }, says: 'reopened' },
		'coalition.created': { data: { coalitionId: s.coalitionId }, says: 'started the coalition' },
		'coalition.member_added': { data: { organisationId: org }, says: 'added Organisation B to the coalition' },
		'coalition.member_removed': { data: { organisationId: org }, says: 'removed Organisation B' },
		'coalition.invitation_sent': { data: { invitationId: 'inv-1' }, says: 'invited an organisation' },
		'coalition.invitation_accepted': { data: { invitationId: 'inv-1', organisationId: org }, says: 'for Organisation B' },
		'coalition.invitation_revoked': { data: { invitationId: 'inv-1' }, says: 'withdrew an invitation' },
		'coalition.coordinator_added': { data: { userId: s.member.id }, says: 'made Member Mona a coordinator' },
		'coalition.coordinator_removed': { data: { userId: s.member.id, reason: 'member_left' }, says: 'ended Member Mona’s role as a coordinator because they left their organisation' },
		'coalition.coordinator_vacant': { data: { ownersTold: 2 }, says: '2 owners' },
		'action.refused': { data: { action: '/letters/publish?/publish', code: 'forbidden' }, says: 'tried to publish and was refused (not allowed)' },
		'coalition.member_verified': { data: { organisationId: org, verified: true, initiator: null }, says: 'marked Organisation B as verified' },
		'coalition.sending_limits_lifted': { data: {}, says: 'lifted' },
		'coalition.sending_limits_restored': { data: {}, says: 'restored' },
		'approval.requested': { data: { organisationIds: [org], revisionId: s.revisionId, revisionNumber: 1 }, says: 'asked Organisation B to approve revision 1 of the text' },
		'approval.given': { data: { organisationId: org, revisionId: s.revisionId, revisionNumber: 1 }, says: 'approved the text for Organisation B' },
		'approval.changes_requested': { data: { organisationId: org, revisionId: s.revisionId, revisionNumber: 1 }, says: 'asked for changes to the text for Organisation B' },
		'letter.opened': { data: { signingTextId: 'st-1', hash: 'c'.repeat(64), deadlineAt: null }, says: 'opened the letter for signatures' },
		'letter.amended': { data: { signingTextId: 'st-2', hash: 'd'.repeat(64) }, says: 'amended' },
		'letter.closed': { data: { state: 'closed' }, says: 'closed signing' },
		'letter.reopened': { data: { state: 'open' }, says: 'reopened' },
		'signing.invited': { data: { organisationIds: [org, s.orgA.id] }, says: 'invited Organisation B and Organisation A to sign' },
		'signing.invitation_accepted': { data: { invitationId: 'inv-2', organisationId: org }, says: 'accepted the invitation to sign' },
		'signing.declined': { data: { organisationId: org }, says: 'declined to sign' },
		'signing.reminded': { data: { invitationIds: ['a', 'b', 'c'] }, says: 'reminded 3 organisations' },
		'sign_on.requested': { data: { requestId: 'r1', organisationId: org }, says: 'asked to sign' },
		'sign_on.approved': { data: { requestId: 'r1', organisationId: org }, says: 'approved the request of Organisation B' },
		'sign_on.declined': { data: { requestId: 'r1', organisationId: org }, says: 'declined the request of Organisation B' },
		'signature.added': { data: { signatureId: 'sig-1', organisationId: org, signingTextId: 'st-1', textHash: 'e'.repeat(64) }, says: 'signed' },
		'signature.reconfirmed': { data: { signatureId: 'sig-2', previousSignatureId: 'sig-1', organisationId: org }, says: 're-confirmed' },
		'signature.withdrawn': { data: { signatureId: 'sig-2', organisationId: org }, says: 'withdrew' },
		'signature.revoked': { data: { signatureId: 'sig-2', organisationId: org }, says: 'revoked' },
		'signature.excluded': { data: { signatureId: 'sig-2', organisationId: org, reason: 'A private reason {typed}' }, says: 'excluded the signature of Organisation B' },
		'signature.refused': { data: { organisationId: org, reason: 'You may not sign for this organisation.' }, says: 'tried to sign' },
		'letter.published': { data: { editionId: 'ed-1', number: 1, code: 'ABCD', auditHeadHash: 'f'.repeat(64), pdfs: [] }, says: 'published edition 1' },
		'letter.reopened_for_edition': { data: { state: 'open' }, says: 'new edition' },
		'recipient.added': { data: { recipientId: 'rec-1' }, says: 'added a recipient' },
		'recipient.removed': { data: { recipientId: 'rec-1', cancelledMessages: 1 }, says: 'cancelled 1 unsent message' },
		'recipients.imported': { data: { count: 12 }, says: 'imported 12 recipients' },
		'distribution.queued': { data: { editionId: 'ed-1', editionNumber: 1, messages: 12 }, says: 'queued edition 1 for sending to 12 recipients' },
		'organisation.domain_verified': { data: { organisationId: org, domain: 'example.org', method: 'dns' }, says: 'Organisation B controls its website’s domain example.org' },
		'organisation.domain_verification_removed': { data: { organisationId: org, domain: 'example.org', reason: 'website_changed' }, says: 'Organisation B ended' }
	};
}

/** Every id the scene and the samples hold, none of which may appear in a sentence. */
function idsOf(s: Scene): string[] {
	return [s.coordinator.id, s.signatory.id, s.member.id, s.outsider.id, s.orgA.id, s.orgB.id, s.coalitionId, s.letterId, s.revisionId, 'gone-revision', 'inv-1', 'inv-2', 'sig-1', 'sig-2', 'st-1', 'st-2', 'rec-1', 'ed-1'];
}

async function trailFor(s: Scene, viewerId: string): Promise<AuditTrailEntry[]> {
	return listAuditTrail({ id: s.letterId, coalitionId: s.coalitionId }, viewerId);
}

describe(`the audit trail reads as sentences (${DATABASE_KIND})`, () => {
	it('every kind of entry has its own sentence, with names, and no ids, braces, hashes or typed reasons', async () => {
		const s = await createCoalitionScene();
		expect(Object.keys(AUDIT_SENTENCES).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
		const table = samples(s);
		expect(Object.keys(table).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
		for (const type of AUDIT_EVENT_TYPES) {
			await db().transaction((tx) => appendAuditEvent(tx, { chainId: s.letterId, type, actorId: s.coordinator.id, data: table[type].data }));
		}
		const trail = (await trailFor(s, s.coordinator.id)).filter((e) => e.chain === 'letter');
		const written = trail.slice(-AUDIT_EVENT_TYPES.length);
		expect(written.map((e) => e.type)).toEqual([...AUDIT_EVENT_TYPES]);
		for (const entry of written) {
			const sentence = text(entry.sentence);
			expect(sentence, entry.type).toContain(table[entry.type as AuditEventType].says);
			expect(sentence, entry.type).toMatch(/^[A-Z\p{Lu}].*\.$/u);
			expect(sentence, entry.type).not.toMatch(/[{}]|cannot describe|undefined|null|NaN|\[object/);
			expect(sentence, entry.type).not.toMatch(/[0-9a-f]{16}/);
			for (const id of idsOf(s)) expect(sentence, `${entry.type} shows the id ${id}`).not.toContain(id);
			expect(sentence, entry.type).not.toContain('private reason');
			expect(sentence, entry.type).not.toContain('@');
			// Names are parts of their own, for <bdi>.
			expect(entry.sentence.some((p) => 'name' in p && p.name === 'Coordinator Cora'), entry.type).toBe(!['coalition.coordinator_vacant', 'organisation.domain_verification_removed'].includes(entry.type));
		}
		expect(JSON.stringify(written)).not.toContain('"data"');
	});

	it('an entry of a kind this build does not know still reads as a sentence, without its data', async () => {
		const s = await createCoalitionScene();
		await db().transaction((tx) =>
			appendAuditEvent(tx, { chainId: s.letterId, type: 'letter.teleported' as AuditEventType, actorId: s.coordinator.id, data: { secret: 'x@example.org', organisationId: s.orgB.id } })
		);
		const last = (await trailFor(s, s.coordinator.id)).at(-1)!;
		expect(text(last.sentence)).toBe('Coordinator Cora did something this version of Undersigned cannot describe.');
	});

	it('PR7: a private signer is named to themself and their organisation, and withheld from coordinators and others', async () => {
		const s = await createCoalitionScene();
		const bOwner = await createUser({ name: 'Owner Bea' });
		await db().insert(memberships).values({ organisationId: s.orgB.id, userId: bOwner.id, role: 'owner' });
		const { hash } = await openSigning({ actor: s.coordinator, letterId: s.letterId, deadlineAt: null, deadlineTimeZone: null });
		await signLetter({
			actor: s.signatory,
			session: freshSession(s.signatory.id),
			letterId: s.letterId,
			organisationId: s.orgB.id,
			textHash: hash,
			signerTitle: null,
			signerNamePublic: false,
			statement: null,
			password: null,
			clientAddress: 'test',
			origin: 'http://localhost'
		});
		const signed = async (viewerId: string) => text((await trailFor(s, viewerId)).find((e) => e.type === 'signature.added')!.sentence);
		expect(await signed(s.signatory.id)).toBe('Signatory Sami signed for Organisation B.');
		expect(await signed(bOwner.id)).toBe('Signatory Sami signed for Organisation B.');
		expect(await signed(s.coordinator.id)).toBe('Organisation B (name withheld) signed.');
		// A plain member of the organisation is not one of its owners or signatories.
		expect(await signed(s.member.id)).toBe('Organisation B (name withheld) signed.');
		for (const viewer of [s.coordinator.id, s.member.id, s.outsider.id]) {
			expect(JSON.stringify(await trailFor(s, viewer))).not.toContain('Signatory Sami');
		}
		expect(await trailFor(s, s.coordinator.id)).toEqual(
			expect.arrayContaining([expect.objectContaining({ type: 'letter.opened', sentence: [{ name: 'Coordinator Cora' }, { text: ' opened the letter for signatures.' }] })])
		);
	});

	it('revision numbers and languages come from the revisions, right-to-left names stay parts of their own', async () => {
		const s = await createCoalitionScene();
		const writer = await createUser({ name: 'نسرین احمدی' });
		await db().insert(memberships).values({ organisationId: s.orgA.id, userId: writer.id, role: 'signatory' });
		const head = await findHeadRevision(s.letterId, 'en', db());
		await saveRevision({
			actor: writer,
			letterId: s.letterId,
			language: 'en',
			baseRevisionId: head!.id,
			text: { title: head!.title, addressees: head!.addressees, body: `${head!.body}\n\nOne more paragraph.`, closing: head!.closing }
		});
		const saved = (await trailFor(s, s.outsider.id)).filter((e) => e.type === 'revision.saved').at(-1)!;
		expect(saved.sentence).toEqual([{ name: 'نسرین احمدی' }, { text: ' saved revision 2 of the English text.' }]);
	});
});
