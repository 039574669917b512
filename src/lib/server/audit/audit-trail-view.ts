import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { letterRevisions, memberships, organisations, signatures, users } from '../db/schema';
import type { Letter } from '../letters/access';
import { listAuditEvents, type AuditEventRecord } from './list-audit-events';
import { describeAuditEvent, type AuditActor, type SentencePart } from './audit-sentences';

/**
 * Events a person performs in an organisation's name: who did it is the
 * organisation's business (PR1, PR7). Their entries name the organisation.
 */
const ORGANISATION_ACTS: ReadonlySet<string> = new Set([
	'signature.added',
	'signature.reconfirmed',
	'signature.withdrawn',
	'signature.revoked',
	'signature.refused',
	'signing.declined',
	'signing.invitation_accepted',
	'sign_on.requested',
	// Approving the text, or asking for changes, is the organisation's answer.
	'approval.given',
	'approval.changes_requested'
]);

export const NAME_WITHHELD = 'name withheld';

export interface AuditTrailEntry {
	chain: 'letter' | 'coalition';
	seq: number;
	type: string;
	/** What happened, in words, with names as this viewer may see them. */
	sentence: SentencePart[];
	createdAt: Date;
	hash: string;
}

/**
 * The letter's timeline (merged with its coalition's) as a viewer may see it. The
 * chain keeps every actor's id, so it still verifies; only this view decides names.
 * PR7: for an act in an organisation's name, the person is shown only to themself and
 * to the organisation's own owners and signatories, or where the signer made their
 * name public on that signature; everyone else reads "<organisation> (name withheld)".
 * Ids in the data (people, organisations, revisions) are resolved here, once, for
 * the sentences (audit-sentences.ts); the data itself never leaves the server.
 */
export async function listAuditTrail(letter: Pick<Letter, 'id' | 'coalitionId'>, viewerId: string): Promise<AuditTrailEntry[]> {
	const events = await listAuditEvents([letter.id, letter.coalitionId]);
	const personIds = unique([...events.map((e) => e.actorId), ...events.map((e) => stringField(e, 'userId'))]);
	const organisationIds = unique(events.flatMap((e) => [stringField(e, 'organisationId'), ...stringList(e, 'organisationIds')]));
	const actOrganisationIds = unique(events.filter(isOrganisationAct).map((e) => stringField(e, 'organisationId')));
	const signatureIds = unique(events.filter(isOrganisationAct).map((e) => stringField(e, 'signatureId')));
	const revisionIds = unique(events.flatMap((e) => [stringField(e, 'revisionId'), stringField(e, 'mergedRevisionId')]));
	const [names, orgNames, ownOrganisations, publicSignatures, revisions] = await Promise.all([
		personIds.length ? db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds)) : [],
		organisationIds.length ? db().select({ id: organisations.id, name: organisations.displayName }).from(organisations).where(inArray(organisations.id, organisationIds)) : [],
		actOrganisationIds.length
			? db()
					.select({ id: memberships.organisationId })
					.from(memberships)
					.where(and(eq(memberships.userId, viewerId), inArray(memberships.organisationId, actOrganisationIds), inArray(memberships.role, ['owner', 'signatory'])))
			: [],
		signatureIds.length
			? db()
					.select({ id: signatures.id, signerId: signatures.signerId })
					.from(signatures)
					.where(and(inArray(signatures.id, signatureIds), eq(signatures.signerNamePublic, true)))
			: [],
		revisionIds.length
			? db()
					.select({ id: letterRevisions.id, number: letterRevisions.number, language: letterRevisions.language })
					.from(letterRevisions)
					.where(and(eq(letterRevisions.letterId, letter.id), inArray(letterRevisions.id, revisionIds)))
			: []
	]);
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	const orgNameOf = new Map(orgNames.map((o) => [o.id, o.name]));
	const revisionOf = new Map(revisions.map((r) => [r.id, { number: r.number, language: r.language }]));
	const own = new Set(ownOrganisations.map((o) => o.id));
	const publicSigner = new Map(publicSignatures.map((s) => [s.id, s.signerId]));
	const lookup = <T>(map: Map<string, T>) => (id: unknown): T | null => (typeof id === 'string' ? (map.get(id) ?? null) : null);
	const actorFor = (e: AuditEventRecord): AuditActor => {
		if (!e.actorId) return { kind: 'system' };
		const name = nameOf.get(e.actorId);
		if (!isOrganisationAct(e)) return name === undefined ? { kind: 'former' } : { kind: 'person', name };
		const organisationId = stringField(e, 'organisationId');
		const signatureId = stringField(e, 'signatureId');
		const mayName =
			e.actorId === viewerId ||
			(organisationId !== null && own.has(organisationId)) ||
			(signatureId !== null && publicSigner.get(signatureId) === e.actorId);
		if (!mayName) return { kind: 'withheld', organisation: organisationId ? (orgNameOf.get(organisationId) ?? null) : null };
		return name === undefined ? { kind: 'former' } : { kind: 'person', name };
	};
	return events.map((e) => ({
		chain: e.chainId === letter.id ? 'letter' : 'coalition',
		seq: e.seq,
		type: e.type,
		sentence: describeAuditEvent(e.type, {
			actor: actorFor(e),
			actorId: e.actorId,
			data: e.data as Record<string, unknown>,
			organisationName: lookup(orgNameOf),
			personName: lookup(nameOf),
			revision: lookup(revisionOf)
		}),
		createdAt: e.createdAt,
		hash: e.hash
	}));
}

function isOrganisationAct(e: AuditEventRecord): boolean {
	if (ORGANISATION_ACTS.has(e.type)) return true;
	// A refused sign, confirm, withdraw or revoke would name a signer as surely as the act.
	const action = (e.data as Record<string, unknown>).action;
	return e.type === 'action.refused' && typeof action === 'string' && action.startsWith('/letters/sign');
}

function stringField(e: AuditEventRecord, key: string): string | null {
	const value = (e.data as Record<string, unknown>)[key];
	return typeof value === 'string' && value.length <= 64 ? value : null;
}

function stringList(e: AuditEventRecord, key: string): string[] {
	const value = (e.data as Record<string, unknown>)[key];
	return Array.isArray(value) ? value.slice(0, 20).filter((v): v is string => typeof v === 'string' && v.length <= 64) : [];
}

function unique(values: (string | null)[]): string[] {
	return [...new Set(values.filter((v): v is string => v !== null))];
}
