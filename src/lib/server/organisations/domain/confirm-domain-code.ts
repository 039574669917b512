import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '../../db';
import { domainChallenges } from '../../db/schema';
import { AppError } from '../../errors';
import { formatNumber } from '$lib/i18n/locales';
import { constantTimeEqual } from '../../crypto';
import { runCommand } from '../../commands/run-command';
import { consumeRateLimit, LIMITS } from '../../auth/rate-limit';
import { loadOrganisationForOwner } from '../access';
import { DOMAIN_CODE_TRIES, hashDomainCode } from './send-domain-code';
import { recordDomainVerified } from './record-domain-verified';
import { m } from '$lib/paraglide/messages.js';

/**
 * An owner enters the mailed code. Five wrong tries end the code; it works once and
 * for fifteen minutes. A right code marks the domain verified (if the website still
 * has that domain) in one transaction with its audit entry.
 */
export async function confirmDomainCode(options: { actor: { id: string }; organisationId: string; code: string; allowInsecure?: boolean }): Promise<{ domain: string }> {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await consumeRateLimit(`domain-code:account:${options.actor.id}`, LIMITS.domainCodeTriesPerAccount);
	const [challenge] = await db()
		.select()
		.from(domainChallenges)
		.where(and(eq(domainChallenges.organisationId, options.organisationId), eq(domainChallenges.method, 'email_code')));
	if (!challenge?.codeHash) throw new AppError('token_invalid', m.coal_error_no_code_waiting(), { field: 'code' });
	if (challenge.expiresAt.getTime() <= Date.now()) throw new AppError('token_expired', m.coal_error_code_expired(), { field: 'code' });
	if (challenge.failedAttempts >= DOMAIN_CODE_TRIES) throw new AppError('token_invalid', m.coal_error_code_too_many_tries(), { field: 'code' });
	const typed = options.code.replace(/\s/g, '');
	if (!constantTimeEqual(hashDomainCode(challenge.id, typed), challenge.codeHash)) {
		await db()
			.update(domainChallenges)
			.set({ failedAttempts: sql`${domainChallenges.failedAttempts} + 1` })
			.where(eq(domainChallenges.id, challenge.id));
		const left = DOMAIN_CODE_TRIES - challenge.failedAttempts - 1;
		throw new AppError('invalid', left > 0 ? m.coal_error_code_wrong_tries_left({ count: left, shown: formatNumber(left) }) : m.coal_error_code_wrong(), { field: 'code' });
	}
	await runCommand(async (ctx) => {
		// Used once: of two right answers at the same moment, only one deletes the row.
		const used = await ctx.tx
			.delete(domainChallenges)
			.where(and(eq(domainChallenges.id, challenge.id), lt(domainChallenges.failedAttempts, DOMAIN_CODE_TRIES)))
			.returning({ id: domainChallenges.id });
		if (used.length === 0) throw new AppError('token_used', m.coal_error_code_used(), { field: 'code' });
		await recordDomainVerified(ctx, { organisationId: options.organisationId, domain: challenge.domain, method: 'email_code', actorId: options.actor.id, allowInsecure: options.allowInsecure });
	});
	return { domain: challenge.domain };
}
