import { sql } from 'drizzle-orm';
import { db, type Transaction } from '../db';
import { isUniqueViolation } from '../db/errors';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { assertPrintable } from '../pdf/printable';
import { recordRefusedAttempt } from '../audit/record-refused-attempt';
import { refuseDuplicateSignatoryName } from '../organisations/name-skeleton';
import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { secondFactorRequiredError } from '../organisations/second-factor-requirement';
import type { OrganisationRole } from '../db/schema';
import { runCommand } from '../commands/run-command';
import { preparedStatement } from '../commands/prepared-statement';
import { LETTER_COMMANDS, mayRunInState, type LetterState } from '../letters/lifecycle';
import { queueSignatureReceipts } from './queue-signature-receipts';
import { alreadySigned, type Signature } from './signature';
import { m } from '$lib/paraglide/messages.js';

export interface SignInput {
	actor: { id: string };
	session: Session;
	letterId: string;
	organisationId: string;
	/** The signing-text hash the signer was shown; it must still be the current one. */
	textHash: string;
	signerTitle: string | null;
	signerNamePublic: boolean;
	statement: string | null;
	/** Entered in the same form when the session's step-up has lapsed. */
	password: string | null;
	clientAddress: string;
	origin: string;
}

const notASigner = () => m.pub_only_signatories_may_sign();
const letterNotFound = () => m.sig_letter_not_found();
const RULE = LETTER_COMMANDS.signLetter;

/**
 * An organisation signs, through someone it authorised, the exact text they saw. One
 * transaction checks everything against locked rows and writes the signature with its
 * audit entry and its receipts (CC4); the partial unique index makes a second
 * signature impossible (CC1). Every time, name and hash is the server's (AZ2).
 *
 * The letter row is held FOR SHARE, so signatures for different organisations run
 * side by side while closing and publishing (FOR UPDATE) wait for them (CC2). The
 * audit entry is appended last: appends to one letter's chain take turns on its head
 * row, and this keeps that turn to the end of the transaction.
 *
 * Issue #9 point 8: hundreds of people sign at once when a letter goes out, so a
 * signature costs five statements (BEGIN and COMMIT aside), not 21: one read of
 * everything the checks before the transaction need (readStanding), and in the
 * transaction one read that locks the letter and reads the rows checked against it
 * (readLocked), one that writes the signature and marks the invitation taken, the
 * receipts in one insert, and the audit entry, sent with the COMMIT so that the
 * turn on the chain's head lasts no longer than the database needs (auditWithCommit
 * in run-command.ts). The checks, their order and their
 * messages are those of runLetterCommand with the signLetter row of the lifecycle
 * table, which this follows by hand to read the lock and the rows in one statement.
 */
export async function signLetter(input: SignInput): Promise<Signature> {
	if (input.letterId.length > 64) throw new AppError('not_found', letterNotFound());
	const keys = { userId: input.actor.id, letterId: input.letterId, organisationId: input.organisationId };
	const [standing] = await readStanding.run(db(), keys);
	// AZ5: a draft, or a letter the person may not read, does not exist for them.
	if (!standing || standing.state === 'draft') throw new AppError('not_found', letterNotFound());
	if (!standing.inCoalition && standing.visibility !== 'public' && !standing.hasOutsideStanding) {
		throw new AppError('not_found', letterNotFound());
	}
	try {
		if (!maySign(input.organisationId, standing.role)) throw new AppError('forbidden', notASigner());
		if (!standing.eligible) {
			throw new AppError('forbidden', m.pub_not_invited_to_sign());
		}
	} catch (error) {
		if (error instanceof AppError && error.code === 'forbidden') {
			await recordRefusal(input, error.message);
			error.audited = true;
		}
		throw error;
	}
	if (standing.requireTwoFactor && !standing.hasSecondFactor) throw secondFactorRequiredError(standing.organisationName ?? '');
	const method = await requireStepUp({ userId: input.actor.id, session: input.session, password: input.password, clientAddress: input.clientAddress });
	// IN3
	if (standing.organisationName !== null) refuseDuplicateSignatoryName(standing.organisationName, standing.otherNames ?? []);
	const letterTitle = standing.title ?? 'Untitled letter';
	try {
		return await runCommand(async (ctx) => {
			const { tx } = ctx;
			const [locked] = await readLocked.run(tx, keys);
			if (!locked) {
				// The letter went between the two reads; the power check still comes first.
				await requireMayActForOrganisation({ userId: input.actor.id, organisationId: input.organisationId, power: 'sign', message: notASigner() }, tx);
				throw new AppError('not_found', letterNotFound());
			}
			// AZ7: signing power now, read in this transaction.
			if (!maySign(input.organisationId, locked.role)) throw new AppError('forbidden', notASigner());
			if (!mayRunInState('signLetter', locked.state)) throw new AppError('wrong_state', RULE.refusal());
			if (locked.deadlineMs !== null && locked.deadlineMs <= Date.now()) {
				throw new AppError('wrong_state', m.pub_deadline_passed_error());
			}
			const current = await currentSigningText(tx, locked);
			if (!current) throw new AppError('wrong_state', m.pub_signing_closed_error());
			if (current.hash !== input.textHash) {
				throw new AppError('conflict', m.pub_text_amended_sign_again());
			}
			const { organisation, signer } = locked;
			if (!organisation || !signer) throw new AppError('not_found', m.pub_organisation_not_found());
			if (input.signerNamePublic) assertPrintable(signer.name, input.signerTitle);
			const row: Signature = {
				id: generateId(),
				letterId: input.letterId,
				organisationId: organisation.id,
				signingTextId: current.id,
				textHash: current.hash,
				organisationName: organisation.name,
				organisationCountry: organisation.country,
				signerId: input.actor.id,
				signerName: signer.name,
				signerTitle: input.signerTitle,
				signerNamePublic: input.signerNamePublic,
				statement: input.statement,
				method,
				signedAt: new Date(),
				status: 'active',
				endedAt: null,
				endedBy: null,
				endReason: null,
				confirmsSignatureId: null
			};
			// "0 rows" means an active signature already exists (CC1); the unique index
			// also stops two that race past this point.
			const inserted = await insertSignature.run(tx, { ...keys, ...row, signedAt: row.signedAt.toISOString() });
			if (inserted.length === 0) throw new AppError('already_signed', alreadySigned());
			await queueSignatureReceipts(ctx, { signature: row, letterTitle, origin: input.origin, signerEmail: signer.email, signerLocale: signer.locale, owners: locked.owners ?? [] });
			// Last, and sent with the COMMIT: signatures queue on the chain's head from
			// here until the commit, so that turn should not wait for this process.
			// Opening signing started the letter's chain, so it has a head.
			ctx.auditWithCommit({
				chainId: input.letterId,
				type: RULE.audit,
				actorId: input.actor.id,
				data: { signatureId: row.id, organisationId: organisation.id, signingTextId: current.id, textHash: current.hash }
			});
			return row;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('already_signed', alreadySigned());
		throw error;
	}
}

/** The `sign` power of may-act-for-organisation.ts: owner or signatory (AZ7). */
function maySign(organisationId: string, role: OrganisationRole | null): boolean {
	return organisationId.length <= 64 && (role === 'owner' || role === 'signatory');
}

interface Standing {
	state: LetterState;
	visibility: 'coalition' | 'public';
	inCoalition: boolean;
	hasOutsideStanding: boolean;
	role: OrganisationRole | null;
	eligible: boolean;
	organisationName: string | null;
	requireTwoFactor: boolean | null;
	hasSecondFactor: boolean;
	title: string | null;
	otherNames: string[] | null;
}

const userId = sql.placeholder('userId');
const letterId = sql.placeholder('letterId');
const organisationId = sql.placeholder('organisationId');

/**
 * Everything checked before the transaction, in one statement, each part as the
 * function it replaces reads it:
 * - may the person read the letter (signing/access.ts, loadLetterForSigning): a
 *   member of one of the coalition's organisations, a public letter, or one of their
 *   organisations invited or asking to sign on;
 * - their role in the organisation (may-act-for-organisation.ts);
 * - may the organisation sign (signing/access.ts, isEligibleToSign): a coalition
 *   member, invited, or an approved sign-on request;
 * - a second factor required by the organisation and held by the person
 *   (second-factor-requirement.ts, auth/two-factor.ts);
 * - the primary text's title for the receipts (letters/revisions.ts, findHeadRevision);
 * - the names already on the signatory list (IN3, name-skeleton.ts).
 */
const readStanding = preparedStatement<Standing>(
	'sign_letter_standing',
	sql`select l.state, l.visibility,
		exists (select 1 from memberships m join coalition_members cm on cm.organisation_id = m.organisation_id
			where m.user_id = ${userId} and cm.coalition_id = l.coalition_id) as "inCoalition",
		exists (select 1 from memberships m where m.user_id = ${userId} and (
			exists (select 1 from signing_invitations si where si.letter_id = l.id and si.organisation_id = m.organisation_id)
			or exists (select 1 from sign_on_requests r where r.letter_id = l.id and r.organisation_id = m.organisation_id))) as "hasOutsideStanding",
		(select m.role from memberships m where m.organisation_id = ${organisationId} and m.user_id = ${userId}) as role,
		(exists (select 1 from coalition_members cm where cm.coalition_id = l.coalition_id and cm.organisation_id = ${organisationId})
			or exists (select 1 from signing_invitations si where si.letter_id = l.id and si.organisation_id = ${organisationId})
			or exists (select 1 from sign_on_requests r where r.letter_id = l.id and r.organisation_id = ${organisationId} and r.status = 'approved')) as eligible,
		o.display_name as "organisationName", o.require_two_factor as "requireTwoFactor",
		exists (select 1 from totp_credentials t where t.user_id = ${userId} and t.confirmed_at is not null) as "hasSecondFactor",
		(select r.title from letter_revisions r where r.letter_id = l.id and r.language = l.primary_language order by r.number desc limit 1) as title,
		(select json_agg(s.organisation_name) from signatures s
			where s.letter_id = l.id and s.status = 'active' and s.organisation_id <> ${organisationId}) as "otherNames"
	from letters l left join organisations o on o.id = ${organisationId}
	where l.id = ${letterId}`
);

interface Locked {
	state: LetterState;
	signingTextId: string | null;
	deadlineMs: number | null;
	role: OrganisationRole | null;
	/** The signing text as this statement's snapshot saw it (see currentSigningText). */
	text: { id: string; hash: string } | null;
	organisation: { id: string; name: string; country: string } | null;
	signer: { name: string; email: string; locale: string | null } | null;
	owners: { id: string; email: string; locale: string | null }[] | null;
}

/**
 * Locks the letter FOR SHARE and reads, in the same statement, what the transaction
 * checks and writes: the person's role now, the signing text, the organisation's
 * name and country, the signer's name and address, and the owners to send receipts to.
 */
const readLocked = preparedStatement<Locked>(
	'sign_letter_locked',
	sql`select l.state, l.signing_text_id as "signingTextId",
		(extract(epoch from l.deadline_at) * 1000)::float8 as "deadlineMs",
		(select m.role from memberships m where m.organisation_id = ${organisationId} and m.user_id = ${userId}) as role,
		(select json_build_object('id', st.id, 'hash', st.hash) from signing_texts st where st.id = l.signing_text_id) as text,
		(select json_build_object('id', o.id, 'name', o.display_name, 'country', o.country) from organisations o where o.id = ${organisationId}) as organisation,
		(select json_build_object('name', u.name, 'email', u.email, 'locale', u.locale) from users u where u.id = ${userId}) as signer,
		(select json_agg(json_build_object('id', u.id, 'email', u.email, 'locale', u.locale)) from memberships m join users u on u.id = m.user_id
			where m.organisation_id = ${organisationId} and m.role = 'owner') as owners
	from letters l where l.id = ${letterId}
	for share`
);

const readSigningText = preparedStatement<{ id: string; hash: string }>(
	'sign_letter_signing_text',
	sql`select id, hash from signing_texts where id = ${sql.placeholder('id')}`
);

/**
 * The letter's signing text. When the lock waited for an amendment, the letter row
 * read is the amended one but the statement's snapshot predates the new signing
 * text; it is then read again, in a statement of its own that sees it.
 */
async function currentSigningText(tx: Transaction, locked: Locked): Promise<{ id: string; hash: string } | null> {
	if (!locked.signingTextId) return null;
	if (locked.text?.id === locked.signingTextId) return locked.text;
	const [text] = await readSigningText.run(tx, { id: locked.signingTextId });
	return text ?? null;
}

/**
 * Writes the signature unless the organisation has an active one (ON CONFLICT DO
 * NOTHING: the partial unique index, CC1), and then marks its invitation to this
 * letter, if any, as taken. One row when the signature was written.
 */
const insertSignature = preparedStatement<{ id: string }>(
	'sign_letter_insert',
	sql`with inserted as (
		insert into signatures (id, letter_id, organisation_id, signing_text_id, text_hash, organisation_name, organisation_country,
			signer_id, signer_name, signer_title, signer_name_public, statement, method, signed_at, status)
		values (${sql.placeholder('id')}, ${letterId}, ${organisationId}, ${sql.placeholder('signingTextId')}, ${sql.placeholder('textHash')}, ${sql.placeholder('organisationName')}, ${sql.placeholder('organisationCountry')},
			${userId}, ${sql.placeholder('signerName')}, ${sql.placeholder('signerTitle')}, ${sql.placeholder('signerNamePublic')}, ${sql.placeholder('statement')}, ${sql.placeholder('method')}, ${sql.placeholder('signedAt')}::timestamptz, 'active')
		on conflict do nothing
		returning id
	), accepted as (
		update signing_invitations set accepted_at = ${sql.placeholder('signedAt')}::timestamptz
		where letter_id = ${letterId} and organisation_id = ${organisationId} and exists (select 1 from inserted)
	)
	select id from inserted`
);

/** AZ1: a refused attempt leaves an audit entry (ids only); AV5: throttled and counted, not one entry each. */
async function recordRefusal(input: SignInput, reason: string) {
	await recordRefusedAttempt({
		chainId: input.letterId,
		type: 'signature.refused',
		actorId: input.actor.id,
		clientAddress: input.clientAddress,
		data: { organisationId: input.organisationId.slice(0, 64), reason: reason.slice(0, 200) }
	});
}
