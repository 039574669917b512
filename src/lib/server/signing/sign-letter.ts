import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { letters, memberships, organisations, signingInvitations, signatures, signingTexts, users } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Session } from '../auth/session';
import { isEligibleToSign, loadLetterForSigning } from './access';
import { requireStepUp } from './step-up';
import { sendSignatureReceipts } from './notify';

export type Signature = typeof signatures.$inferSelect;

export const ALREADY_SIGNED = 'This organisation has already signed this letter.';

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

/**
 * An organisation signs, through someone it authorised, the exact text they saw. One
 * transaction checks everything against locked rows and writes the signature with its
 * audit entry (CC4); the partial unique index makes a second signature impossible
 * (CC1). Every time, name and hash is the server's (AZ2).
 */
export async function signLetter(input: SignInput): Promise<Signature> {
	const { letter } = await loadLetterForSigning(input.letterId, input.actor.id);
	try {
		await checkSigner(input, letter);
	} catch (error) {
		if (error instanceof AppError && error.code === 'forbidden') await recordRefusal(input, error.message);
		throw error;
	}
	await requireStepUp({ userId: input.actor.id, session: input.session, password: input.password, clientAddress: input.clientAddress });
	let signature: Signature;
	try {
		signature = await db().transaction(async (tx) => {
			const [locked] = await tx.select().from(letters).where(eq(letters.id, letter.id)).for('update');
			if (!locked || locked.state !== 'open') throw new AppError('conflict', 'Signing is closed for this letter.');
			if (locked.deadlineAt && locked.deadlineAt.getTime() <= Date.now()) {
				throw new AppError('conflict', 'The deadline for signing this letter has passed.');
			}
			const [current] = await tx.select().from(signingTexts).where(eq(signingTexts.id, locked.signingTextId ?? ''));
			if (!current) throw new AppError('conflict', 'Signing is closed for this letter.');
			if (current.hash !== input.textHash) {
				throw new AppError('conflict', 'The text was amended since you opened it. Please read the new text below and sign again.');
			}
			const [existing] = await tx
				.select({ id: signatures.id })
				.from(signatures)
				.where(and(eq(signatures.letterId, letter.id), eq(signatures.organisationId, input.organisationId), eq(signatures.status, 'active')));
			if (existing) throw new AppError('already_signed', ALREADY_SIGNED);
			const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
			const [signer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.id));
			if (!organisation || !signer) throw new AppError('not_found', 'Organisation not found.');
			const row: Signature = {
				id: generateId(),
				letterId: letter.id,
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
				method: 'password',
				signedAt: new Date(),
				status: 'active',
				endedAt: null,
				endedBy: null,
				endReason: null,
				confirmsSignatureId: null
			};
			await tx.insert(signatures).values(row);
			await tx
				.update(signingInvitations)
				.set({ acceptedAt: row.signedAt })
				.where(and(eq(signingInvitations.letterId, letter.id), eq(signingInvitations.organisationId, organisation.id)));
			await appendAuditEvent(tx, {
				chainId: letter.id,
				type: 'signature.added',
				actorId: input.actor.id,
				data: { signatureId: row.id, organisationId: organisation.id, signingTextId: current.id, textHash: current.hash }
			});
			return row;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('already_signed', ALREADY_SIGNED);
		throw error;
	}
	await sendSignatureReceipts({ signature, origin: input.origin });
	return signature;
}

/** The signer must hold the signatory or owner role, and the organisation must be allowed to sign. */
async function checkSigner(input: SignInput, letter: Parameters<typeof isEligibleToSign>[0]) {
	if (input.organisationId.length > 64) throw new AppError('forbidden', 'You may not sign for that organisation.');
	const [membership] = await db()
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, input.organisationId), eq(memberships.userId, input.actor.id)));
	if (!membership || membership.role === 'member') {
		throw new AppError('forbidden', 'Only people their organisation made a signatory or owner may sign for it.');
	}
	if (!(await isEligibleToSign(letter, input.organisationId))) {
		throw new AppError('forbidden', 'This organisation is not invited to sign this letter. It can ask to sign on if the letter is public.');
	}
}

/** AZ1: a refused attempt leaves an audit entry (ids only), in its own transaction. */
async function recordRefusal(input: SignInput, reason: string) {
	await db().transaction((tx) =>
		appendAuditEvent(tx, {
			chainId: input.letterId,
			type: 'signature.refused',
			actorId: input.actor.id,
			data: { organisationId: input.organisationId.slice(0, 64), reason: reason.slice(0, 200) }
		})
	);
}
