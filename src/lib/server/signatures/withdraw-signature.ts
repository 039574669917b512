import { runLetterCommand } from '../letters/run-letter-command';
import { endSignature, findSignature } from './end-signature';

/** The person who signed withdraws it, until publication. */
export async function withdrawSignature(options: { actor: { id: string }; letterId: string; signatureId: string }): Promise<void> {
	const signature = await findSignature(options.letterId, options.signatureId);
	const command = {
		command: 'withdrawSignature',
		actor: options.actor,
		letterId: options.letterId,
		signatureAuthorId: signature.signerId,
		forbidden: 'Only the person who signed can withdraw a signature; an owner of the organisation can revoke it.'
	} as const;
	await runLetterCommand(command, (ctx) => endSignature(ctx, signature, 'withdrawn', options.actor.id, null));
}
