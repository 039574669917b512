import { and, eq } from 'drizzle-orm';
import { organisations, signingInvitations, signatures, signingTexts, users } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { assertPrintable } from '../pdf/printable';
import { recordRefusedAttempt } from '../audit/record-refused-attempt';
import { refuseDuplicateSignatoryName } from '../organisations/name-skeleton';
import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { requireSecondFactorToSign } from '../organisations/second-factor-requirement';
import { findHeadRevision } from '../letters/revisions';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { isEligibleToSign, loadLetterForSigning } from '../signing/access';
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
 */
export async function signLetter(input: SignInput): Promise<Signature> {
	const { letter } = await loadLetterForSigning(input.letterId, input.actor.id);
	try {
		await requireMayActForOrganisation({ userId: input.actor.id, organisationId: input.organisationId, power: 'sign', message: notASigner() });
		if (!(await isEligibleToSign(letter, input.organisationId))) {
			throw new AppError('forbidden', m.pub_not_invited_to_sign());
		}
	} catch (error) {
		if (error instanceof AppError && error.code === 'forbidden') {
			await recordRefusal(input, error.message);
			error.audited = true;
		}
		throw error;
	}
	await requireSecondFactorToSign({ userId: input.actor.id, organisationId: input.organisationId });
	const method = await requireStepUp({ userId: input.actor.id, session: input.session, password: input.password, clientAddress: input.clientAddress });
	await refuseDuplicateSignatoryName({ letterId: letter.id, organisationId: input.organisationId }); // IN3
	const letterTitle = (await findHeadRevision(letter.id, letter.primaryLanguage))?.title ?? 'Untitled letter';
	try {
		return await runLetterCommand(
			{ command: 'signLetter', actor: input.actor, letterId: letter.id, organisationId: input.organisationId, forbidden: notASigner() },
			async (ctx) => {
				const { tx, letter: locked } = ctx;
				if (locked.deadlineAt && locked.deadlineAt.getTime() <= Date.now()) {
					throw new AppError('wrong_state', m.pub_deadline_passed_error());
				}
				const [current] = await tx.select().from(signingTexts).where(eq(signingTexts.id, locked.signingTextId ?? ''));
				if (!current) throw new AppError('wrong_state', m.pub_signing_closed_error());
				if (current.hash !== input.textHash) {
					throw new AppError('conflict', m.pub_text_amended_sign_again());
				}
				const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
				const [signer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.id));
				if (!organisation || !signer) throw new AppError('not_found', m.pub_organisation_not_found());
				if (input.signerNamePublic) assertPrintable(signer.name, input.signerTitle);
				const row: Signature = {
					id: generateId(),
					letterId: locked.id,
					organisationId: organisation.id,
					signingTextId: current.id,
					textHash: current.hash,
					organisationName: organisation.displayName,
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
				const inserted = await tx.insert(signatures).values(row).onConflictDoNothing().returning({ id: signatures.id });
				if (inserted.length === 0) throw new AppError('already_signed', alreadySigned());
				await tx
					.update(signingInvitations)
					.set({ acceptedAt: row.signedAt })
					.where(and(eq(signingInvitations.letterId, locked.id), eq(signingInvitations.organisationId, organisation.id)));
				await queueSignatureReceipts(ctx, { signature: row, letterTitle, origin: input.origin });
				await ctx.record({ signatureId: row.id, organisationId: organisation.id, signingTextId: current.id, textHash: current.hash });
				return row;
			}
		);
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('already_signed', alreadySigned());
		throw error;
	}
}

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
