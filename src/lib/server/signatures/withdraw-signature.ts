import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import { endSignature, findSignatureForOrganisation, letterTitleOf, requireEndingConfirmed } from './end-signature';
import { m } from '$lib/paraglide/messages.js';

const notTheSigner = () => m.pub_only_signer_may_withdraw();

/**
 * The person who signed withdraws it, until publication: while still a signatory or
 * owner of the organisation (AZ7), after confirming the letter by name and re-entering
 * the password (AU8), as deliberate as signing was.
 */
export async function withdrawSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	confirmed: boolean;
	password: string | null;
	clientAddress: string;
}): Promise<void> {
	const { signature } = await findSignatureForOrganisation(options.letterId, options.signatureId, options.actor.id);
	if (signature.signerId !== options.actor.id) throw new AppError('forbidden', notTheSigner());
	requireEndingConfirmed(options.confirmed, await letterTitleOf(options.letterId));
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	const command = {
		command: 'withdrawSignature',
		actor: options.actor,
		letterId: options.letterId,
		organisationId: signature.organisationId,
		signatureAuthorId: signature.signerId,
		forbidden: notTheSigner()
	} as const;
	await runLetterCommand(command, (ctx) => endSignature(ctx, signature, 'withdrawn', options.actor.id, null));
}
