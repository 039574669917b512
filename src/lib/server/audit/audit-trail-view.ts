import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { memberships, organisations, signatures, users } from '../db/schema';
import type { Letter } from '../letters/access';
import { listAuditEvents, type AuditEventRecord } from './list-audit-events';

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
	'sign_on.requested'
]);

export const NAME_WITHHELD = 'name withheld';

export interface AuditTrailEntry {
	chain: 'letter' | 'coalition';
	seq: number;
	type: string;
	actor: string;
	createdAt: Date;
	hash: string;
	data: string;
}

/**
 * The letter's timeline (merged with its coalition's) as a viewer may see it. The
 * chain keeps every actor's id, so it still verifies; only this view decides names.
 * PR7: for an act in an organisation's name, the person is shown only to themself and
 * to the organisation's own owners and signatories, or where the signer made their
 * name public on that signature; everyone else reads "<organisation> (name withheld)".
 */
export async function listAuditTrail(letter: Pick<Letter, 'id' | 'coalitionId'>, viewerId: string): Promise<AuditTrailEntry[]> {
	const events = await listAuditEvents([letter.id, letter.coalitionId]);
	const actorIds = unique(events.map((e) => e.actorId));
	const organisationIds = unique(events.filter(isOrganisationAct).map((e) => stringField(e, 'organisationId')));
	const signatureIds = unique(events.filter(isOrganisationAct).map((e) => stringField(e, 'signatureId')));
	const [names, orgNames, ownOrganisations, publicSignatures] = await Promise.all([
		actorIds.length ? db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [],
		organisationIds.length ? db().select({ id: organisations.id, name: organisations.displayName }).from(organisations).where(inArray(organisations.id, organisationIds)) : [],
		organisationIds.length
			? db()
					.select({ id: memberships.organisationId })
					.from(memberships)
					.where(and(eq(memberships.userId, viewerId), inArray(memberships.organisationId, organisationIds), inArray(memberships.role, ['owner', 'signatory'])))
			: [],
		signatureIds.length
			? db()
					.select({ id: signatures.id, signerId: signatures.signerId })
					.from(signatures)
					.where(and(inArray(signatures.id, signatureIds), eq(signatures.signerNamePublic, true)))
			: []
	]);
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	const orgNameOf = new Map(orgNames.map((o) => [o.id, o.name]));
	const own = new Set(ownOrganisations.map((o) => o.id));
	const publicSigner = new Map(publicSignatures.map((s) => [s.id, s.signerId]));
	const actorFor = (e: AuditEventRecord): string => {
		if (!e.actorId) return 'the system';
		const name = nameOf.get(e.actorId) ?? 'a former member';
		if (!isOrganisationAct(e)) return name;
		const organisationId = stringField(e, 'organisationId');
		const signatureId = stringField(e, 'signatureId');
		const mayName =
			e.actorId === viewerId ||
			(organisationId !== null && own.has(organisationId)) ||
			(signatureId !== null && publicSigner.get(signatureId) === e.actorId);
		if (mayName) return name;
		const organisation = organisationId ? (orgNameOf.get(organisationId) ?? 'an organisation') : 'an organisation';
		return `${organisation} (${NAME_WITHHELD})`;
	};
	return events.map((e) => ({
		chain: e.chainId === letter.id ? 'letter' : 'coalition',
		seq: e.seq,
		type: e.type,
		actor: actorFor(e),
		createdAt: e.createdAt,
		hash: e.hash,
		data: JSON.stringify(e.data)
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

function unique(values: (string | null)[]): string[] {
	return [...new Set(values.filter((v): v is string => v !== null))];
}
