import type { Session } from '../auth/session';
import { requireStepUp } from '../auth/step-up';
import { loadLetterFor } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { endSignature, findSignature, letterTitleOf, requireEndingConfirmed } from './end-signature';

/**
 * Coordinators exclude a signature from a closed letter, with a reason on the record,
 * after confirming the letter by name and re-entering the password (AU8).
 */
export async function excludeSignature(options: {
	actor: { id: string };
	session: Session;
	letterId: string;
	signatureId: string;
	reason: string;
	confirmed: boolean;
	password: string | null;
	clientAddress: string;
}): Promise<void> {
	// AZ5 first: outside the coalition, neither the letter nor its signatures exist.
	await loadLetterFor('manage', options.letterId, options.actor.id);
	const signature = await findSignature(options.letterId, options.signatureId);
	requireEndingConfirmed(options.confirmed, await letterTitleOf(options.letterId));
	await requireStepUp({ userId: options.actor.id, session: options.session, password: options.password, clientAddress: options.clientAddress });
	await runLetterCommand({ command: 'excludeSignature', actor: options.actor, letterId: options.letterId }, (ctx) =>
		endSignature(ctx, signature, 'excluded', options.actor.id, options.reason)
	);
}
