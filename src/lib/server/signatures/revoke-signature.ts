import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { endSignature, findSignatureForOrganisation, letterTitleOf, requireEndingConfirmed } from './end-signature';
import { m } from '$lib/paraglide/messages.js';

const notAnOwner = () => m.pub_only_owner_may_revoke();

/**
 * An owner of the organisation revokes a signature made in its name: after confirming
 * the letter by name and re-entering the password (AU8).
 */
export async function revokeSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	confirmed: boolean;
	password: string | null;
	clientAddress: string;
}): Promise<void> {
	const { signature, role } = await findSignatureForOrganisation(options.letterId, options.signatureId, options.actor.id);
	if (role !== 'owner') throw new AppError('forbidden', notAnOwner());
	requireEndingConfirmed(options.confirmed, await letterTitleOf(options.letterId));
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	const command = { command: 'revokeSignature', actor: options.actor, letterId: options.letterId, organisationId: signature.organisationId, forbidden: notAnOwner() } as const;
	await runLetterCommand(command, (ctx) => endSignature(ctx, signature, 'revoked', options.actor.id, null));
}
