import { loadLetterFor } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { endSignature, findSignature } from './end-signature';

/** Coordinators exclude a signature from a closed letter, with a reason on the record. */
export async function excludeSignature(options: { actor: { id: string }; letterId: string; signatureId: string; reason: string }): Promise<void> {
	// AZ5 first: outside the coalition, neither the letter nor its signatures exist.
	await loadLetterFor('manage', options.letterId, options.actor.id);
	const signature = await findSignature(options.letterId, options.signatureId);
	await runLetterCommand({ command: 'excludeSignature', actor: options.actor, letterId: options.letterId }, (ctx) =>
		endSignature(ctx, signature, 'excluded', options.actor.id, options.reason)
	);
}
