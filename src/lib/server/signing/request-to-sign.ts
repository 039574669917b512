import { signOnRequests } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import { runLetterCommand } from '../letters/run-letter-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { isEligibleToSign, loadLetterForSigning } from './access';
import { m } from '$lib/paraglide/messages.js';

/** On a public letter, an organisation that was not invited asks to sign. */
export async function requestToSign(options: { actor: { id: string }; letterId: string; organisationId: string; message: string | null }) {
	const { letter } = await loadLetterForSigning(options.letterId, options.actor.id);
	if (letter.visibility !== 'public' || letter.state !== 'open') throw new AppError('forbidden', m.pub_no_sign_on_requests());
	const forbidden = m.pub_only_signatory_may_ask();
	await requireMayActForOrganisation({ userId: options.actor.id, organisationId: options.organisationId, power: 'sign', message: forbidden });
	if (await isEligibleToSign(letter, options.organisationId)) throw new AppError('conflict', m.pub_organisation_may_already_sign());
	const command = { command: 'requestToSign', actor: options.actor, letterId: letter.id, organisationId: options.organisationId, forbidden } as const;
	await runLetterCommand(command, async (ctx) => {
		const id = generateId();
		const created = await ctx.tx
			.insert(signOnRequests)
			.values({ id, letterId: letter.id, organisationId: options.organisationId, requestedBy: options.actor.id, message: options.message })
			.onConflictDoNothing()
			.returning({ id: signOnRequests.id });
		if (created.length === 0) throw new AppError('conflict', m.pub_organisation_already_asked());
		await ctx.record({ requestId: id, organisationId: options.organisationId });
	});
}
