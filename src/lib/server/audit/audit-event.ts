import canonicalize from 'canonicalize';
import { hashSecret } from '../crypto';

/**
 * What an audit entry records. New kinds ('letter.opened', 'signature.*', ...) are
 * added here as their features land; verification does not depend on the list. The
 * list exists at run time so the audit trail view can be checked to describe every
 * kind in words (audit-sentences.ts).
 */
export const AUDIT_EVENT_TYPES = [
	'letter.created',
	'letter.updated',
	'revision.saved',
	'translation.saved',
	'comment.added',
	'comment.edited',
	'comment.deleted',
	'comment.resolved',
	'comment.reopened',
	'coalition.created',
	'coalition.member_added',
	'coalition.member_removed',
	'coalition.invitation_sent',
	'coalition.invitation_accepted',
	'coalition.invitation_revoked',
	'coalition.coordinator_added',
	'coalition.coordinator_removed',
	/** SE7: the last acting coordinator lost the role; the member organisations' owners were told. */
	'coalition.coordinator_vacant',
	/** AZ1, AZ7: an action refused for lack of power (or of a fresh step-up); ids and a code only. */
	'action.refused',
	'coalition.member_verified',
	/** AV6: an instance administrator lifted (or restored) a new or small coalition's sending limits. */
	'coalition.sending_limits_lifted',
	'coalition.sending_limits_restored',
	/** Issue 13 point 4: coordinators asked organisations to approve the text; one answered. */
	'approval.requested',
	'approval.given',
	'approval.changes_requested',
	'letter.opened',
	'letter.amended',
	'letter.closed',
	'letter.reopened',
	'signing.invited',
	'signing.invitation_accepted',
	'signing.declined',
	'signing.reminded',
	'sign_on.requested',
	'sign_on.approved',
	'sign_on.declined',
	'signature.added',
	'signature.reconfirmed',
	'signature.withdrawn',
	'signature.revoked',
	'signature.excluded',
	'signature.refused',
	'letter.published',
	'letter.reopened_for_edition',
	'recipient.added',
	'recipient.removed',
	'recipients.imported',
	'distribution.queued',
	/** On the organisation's own chain (chain id = organisation id): an owner proved control of its website domain. */
	'organisation.domain_verified',
	/** The website moved to another domain, so the proof no longer holds. */
	'organisation.domain_verification_removed'
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** The fields of an entry that its hash covers. */
export interface HashedAuditEvent {
	chainId: string;
	seq: number;
	/** A string rather than AuditEventType: stored entries may predate or postdate this build. */
	type: string;
	actorId: string | null;
	data: Record<string, unknown>;
	createdAt: Date;
}

/** The prevHash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * IG2: the hash of one entry, as an outside verifier recomputes it from the data:
 *
 *   hash_1 = SHA-256( "000…0" (64 zeros) || C(event_1) )
 *   hash_i = SHA-256( hash_{i-1} || C(event_i) )
 *
 * where `||` joins the two as text (hash_{i-1} is 64 lowercase hexadecimal digits),
 * the result is encoded as UTF-8 before hashing, the digest is written as 64
 * lowercase hexadecimal digits, and C(event) is the RFC 8785 (JCS) canonical JSON of
 *
 *   { "actorId": string | null, "chainId": string, "createdAt": string,
 *     "data": object, "seq": integer, "type": string }
 *
 * with createdAt in UTC at millisecond precision, `YYYY-MM-DDTHH:mm:ss.sssZ` (as
 * JavaScript's Date#toISOString writes it). chainId is the letter's or the
 * coalition's id, seq counts from 1 without gaps, and data is the entry's JSON as
 * stored. The last entry's hash is the chain head printed on the published PDF.
 */
export function hashEvent(prevHash: string, event: HashedAuditEvent): string {
	const json = canonicalize({
		chainId: event.chainId,
		seq: event.seq,
		type: event.type,
		actorId: event.actorId,
		data: event.data,
		createdAt: event.createdAt.toISOString()
	});
	if (json === undefined) throw new Error('audit event cannot be canonicalised');
	return hashSecret(prevHash + json);
}
