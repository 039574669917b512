import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { signatures, signingTexts, users } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { requireSecondFactorToSign } from '../organisations/second-factor-requirement';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import type { Signature } from './signature';

const NOT_A_SIGNER = 'Only a signatory or owner of the organisation can confirm its signature.';

/**
 * CC3: a signature on an older signing text is confirmed for the current one: the old
 * row is kept (superseded) and a new one binds to the new hash, in one transaction.
 */
export async function reconfirmSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	textHash: string;
	password: string | null;
	clientAddress: string;
}): Promise<Signature> {
	const [old] = await db()
		.select()
		.from(signatures)
		.where(and(eq(signatures.id, options.signatureId.slice(0, 64)), eq(signatures.letterId, options.letterId)));
	if (!old) throw new AppError('not_found', 'Signature not found.');
	await requireMayActForOrganisation({ userId: options.actor.id, organisationId: old.organisationId, power: 'sign', message: NOT_A_SIGNER });
	await requireSecondFactorToSign({ userId: options.actor.id, organisationId: old.organisationId });
	const method = await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	const command = { command: 'reconfirmSignature', actor: options.actor, letterId: options.letterId, organisationId: old.organisationId, forbidden: NOT_A_SIGNER } as const;
	return runLetterCommand(command, async (ctx) => {
		const { tx, letter } = ctx;
		const [current] = await tx.select().from(signingTexts).where(eq(signingTexts.id, letter.signingTextId ?? ''));
		if (!current || current.hash !== options.textHash) throw new AppError('conflict', 'The text changed again; please read it once more.');
		if (old.signingTextId === current.id) throw new AppError('conflict', 'This signature is already on the current text.');
		const superseded = await tx
			.update(signatures)
			.set({ status: 'superseded', endedAt: new Date(), endedBy: options.actor.id, endReason: 'reconfirmed' })
			.where(and(eq(signatures.id, old.id), eq(signatures.status, 'active')))
			.returning({ id: signatures.id });
		if (superseded.length === 0) throw new AppError('conflict', 'This signature is no longer active.');
		const [signer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, options.actor.id));
		const sameSigner = old.signerId === options.actor.id;
		const row: Signature = {
			...old,
			id: generateId(),
			signingTextId: current.id,
			textHash: current.hash,
			signerId: options.actor.id,
			signerName: signer?.name ?? old.signerName,
			signerTitle: sameSigner ? old.signerTitle : null,
			signerNamePublic: sameSigner ? old.signerNamePublic : false,
			method,
			signedAt: new Date(),
			status: 'active',
			endedAt: null,
			endedBy: null,
			endReason: null,
			confirmsSignatureId: old.id
		};
		await tx.insert(signatures).values(row);
		await ctx.record({ signatureId: row.id, previousSignatureId: old.id, organisationId: old.organisationId, signingTextId: current.id, textHash: current.hash });
		return row;
	});
}
