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
import { m } from '$lib/paraglide/messages.js';

const notASigner = () => m.pub_only_signer_may_confirm();

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
	if (!old) throw new AppError('not_found', m.pub_signature_not_found());
	await requireMayActForOrganisation({ userId: options.actor.id, organisationId: old.organisationId, power: 'sign', message: notASigner() });
	await requireSecondFactorToSign({ userId: options.actor.id, organisationId: old.organisationId });
	const method = await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	const command = { command: 'reconfirmSignature', actor: options.actor, letterId: options.letterId, organisationId: old.organisationId, forbidden: notASigner() } as const;
	return runLetterCommand(command, async (ctx) => {
		const { tx, letter } = ctx;
		const [current] = await tx.select().from(signingTexts).where(eq(signingTexts.id, letter.signingTextId ?? ''));
		if (!current || current.hash !== options.textHash) throw new AppError('conflict', m.pub_text_changed_again());
		if (old.signingTextId === current.id) throw new AppError('conflict', m.pub_already_on_current_text());
		const superseded = await tx
			.update(signatures)
			.set({ status: 'superseded', endedAt: new Date(), endedBy: options.actor.id, endReason: 'reconfirmed' })
			.where(and(eq(signatures.id, old.id), eq(signatures.status, 'active')))
			.returning({ id: signatures.id });
		if (superseded.length === 0) throw new AppError('conflict', m.pub_signature_no_longer_active());
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
