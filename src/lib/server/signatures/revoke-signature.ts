import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { endSignature, findSignature } from './end-signature';

const NOT_AN_OWNER = 'Only an owner of the organisation can revoke its signature.';

/** An owner of the organisation revokes a signature made in its name (AU8: after re-entering the password). */
export async function revokeSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	password: string | null;
	clientAddress: string;
}): Promise<void> {
	const signature = await findSignature(options.letterId, options.signatureId);
	await requireMayActForOrganisation({ userId: options.actor.id, organisationId: signature.organisationId, power: 'own', message: NOT_AN_OWNER });
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	const command = { command: 'revokeSignature', actor: options.actor, letterId: options.letterId, organisationId: signature.organisationId, forbidden: NOT_AN_OWNER } as const;
	await runLetterCommand(command, (ctx) => endSignature(ctx, signature, 'revoked', options.actor.id, null));
}
