import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../commands/run-command';
import { domainChallenges, organisations, type DomainChallengeMethod } from '../../db/schema';
import { AppError } from '../../errors';
import { settings } from '../../env';
import { websiteDomainOrNull } from './website-domain';
import { m } from '$lib/paraglide/messages.js';

/**
 * Inside a command: locks the organisation, checks that its website still has the
 * challenged domain (a stale form for an old website proves nothing about the new
 * one), marks the domain verified, ends the organisation's challenges, and appends
 * the fact to the organisation's own audit chain (chain id = organisation id).
 */
export async function recordDomainVerified(
	ctx: CommandContext,
	options: { organisationId: string; domain: string; method: DomainChallengeMethod; actorId: string; allowInsecure?: boolean }
): Promise<void> {
	const [organisation] = await ctx.tx.select().from(organisations).where(eq(organisations.id, options.organisationId)).for('update');
	if (!organisation) throw new AppError('not_found', m.coal_error_organisation_not_found());
	const allowInsecure = options.allowInsecure ?? settings().domainCheckAllowInsecure;
	if (websiteDomainOrNull(organisation.website, { allowInsecure }) !== options.domain) {
		throw new AppError('conflict', m.coal_error_website_changed());
	}
	await ctx.tx
		.update(organisations)
		.set({ verifiedDomain: options.domain, domainVerifiedAt: new Date(), domainVerifiedBy: options.actorId, domainVerificationMethod: options.method })
		.where(eq(organisations.id, options.organisationId));
	await ctx.tx.delete(domainChallenges).where(eq(domainChallenges.organisationId, options.organisationId));
	await ctx.audit({
		chainId: options.organisationId,
		type: 'organisation.domain_verified',
		actorId: options.actorId,
		data: { organisationId: options.organisationId, domain: options.domain, method: options.method }
	});
}

/**
 * Inside a command that changed the website: if the verified domain is no longer the
 * website's, the badge goes at once, open challenges for another domain end, and the
 * removal is audited on the organisation's chain.
 */
export async function dropStaleDomainVerification(
	ctx: CommandContext,
	options: { organisationId: string; verifiedDomain: string | null; newWebsite: string | null | undefined; actorId: string }
): Promise<void> {
	const domain = websiteDomainOrNull(options.newWebsite, { allowInsecure: settings().domainCheckAllowInsecure });
	const challenges = await ctx.tx.select({ id: domainChallenges.id, domain: domainChallenges.domain }).from(domainChallenges).where(eq(domainChallenges.organisationId, options.organisationId));
	for (const challenge of challenges) {
		if (challenge.domain !== domain) await ctx.tx.delete(domainChallenges).where(eq(domainChallenges.id, challenge.id));
	}
	if (!options.verifiedDomain || options.verifiedDomain === domain) return;
	await ctx.tx
		.update(organisations)
		.set({ verifiedDomain: null, domainVerifiedAt: null, domainVerifiedBy: null, domainVerificationMethod: null })
		.where(eq(organisations.id, options.organisationId));
	await ctx.audit({
		chainId: options.organisationId,
		type: 'organisation.domain_verification_removed',
		actorId: options.actorId,
		data: { organisationId: options.organisationId, domain: options.verifiedDomain, reason: 'website_changed' }
	});
}
