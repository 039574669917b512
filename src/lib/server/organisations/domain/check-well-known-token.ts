import { and, eq } from 'drizzle-orm';
import { db } from '../../db';
import { domainChallenges } from '../../db/schema';
import { AppError } from '../../errors';
import { settings } from '../../env';
import { runCommand } from '../../commands/run-command';
import { consumeRateLimit, LIMITS } from '../../auth/rate-limit';
import { loadOrganisationForOwner } from '../access';
import { fetchWellKnownFile, WELL_KNOWN_PATH, type WellKnownTransport } from './fetch-well-known';
import { wellKnownLine } from './create-well-known-token';
import { recordDomainVerified } from './record-domain-verified';
import { m } from '$lib/paraglide/messages.js';

/**
 * An owner asks Undersigned to fetch the token file from the website's domain. Ten
 * checks per organisation an hour, so the server cannot be used to hammer a site.
 */
export async function checkWellKnownToken(options: {
	actor: { id: string };
	organisationId: string;
	transport?: WellKnownTransport;
}): Promise<{ domain: string }> {
	const transport = options.transport ?? { allowInsecure: settings().domainCheckAllowInsecure };
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	const [challenge] = await db()
		.select()
		.from(domainChallenges)
		.where(and(eq(domainChallenges.organisationId, options.organisationId), eq(domainChallenges.method, 'well_known_file')));
	if (!challenge?.token) throw new AppError('token_invalid', m.coal_error_no_token());
	if (challenge.expiresAt.getTime() <= Date.now()) throw new AppError('token_expired', m.coal_error_token_expired());
	await consumeRateLimit(`domain-fetch:organisation:${options.organisationId}`, LIMITS.domainFetchPerOrganisation);
	const where = `${transport.allowInsecure ? 'http' : 'https'}://${challenge.domain}${WELL_KNOWN_PATH}`;
	const fetched = await fetchWellKnownFile(challenge.domain, transport);
	if (!fetched.ok) throw new AppError('invalid', m.coal_error_could_not_read({ address: where, reason: fetched.reason }));
	const expected = wellKnownLine(options.organisationId, challenge.token);
	if (!fetched.body.split(/\r?\n/).some((line) => line.trim() === expected)) {
		throw new AppError('invalid', m.coal_error_line_missing({ address: where }));
	}
	await runCommand((ctx) =>
		recordDomainVerified(ctx, { organisationId: options.organisationId, domain: challenge.domain, method: 'well_known_file', actorId: options.actor.id, allowInsecure: transport.allowInsecure })
	);
	return { domain: challenge.domain };
}
