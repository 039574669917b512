import { generateId, hashSecret } from '../../crypto';
import { domainChallenges } from '../../db/schema';
import { runCommand } from '../../commands/run-command';
import { consumeRateLimit, LIMITS } from '../../auth/rate-limit';
import { domainCodeMail } from '../../mail/templates';
import { currentRequestLocale } from '../../mail/reader-locale';
import { settings } from '../../env';
import { loadOrganisationForOwner } from '../access';
import { addressOnDomain, websiteDomain } from './website-domain';

export const DOMAIN_CODE_MINUTES = 15;
export const DOMAIN_CODE_TRIES = 5;

/** Eight random digits: typed from a mail, with five tries per code (Copenhagen Book, e-mail verification codes). */
function generateDigits(): string {
	const values = new Uint32Array(8);
	crypto.getRandomValues(values);
	return [...values].map((v) => String(v % 10)).join('');
}

/** The code is hashed together with its challenge id, so equal codes never look equal at rest. */
export function hashDomainCode(challengeId: string, code: string): string {
	return hashSecret(`${challengeId}:${code}`);
}

/**
 * An owner asks for a code at an address on the website's domain (its local part
 * chosen by them). Replaces any earlier code; three per organisation an hour.
 */
export async function sendDomainCode(options: { actor: { id: string }; organisationId: string; localPart: string; allowInsecure?: boolean }): Promise<{ email: string }> {
	const { organisation } = await loadOrganisationForOwner(options.organisationId, options.actor.id);
	const domain = websiteDomain(organisation.website, { allowInsecure: options.allowInsecure ?? settings().domainCheckAllowInsecure });
	const email = addressOnDomain(options.localPart, domain);
	await consumeRateLimit(`domain-code:organisation:${organisation.id}`, LIMITS.domainCodePerOrganisation);
	const id = generateId();
	const code = generateDigits();
	const row = {
		id,
		organisationId: organisation.id,
		method: 'email_code' as const,
		domain,
		email,
		codeHash: hashDomainCode(id, code),
		token: null,
		failedAttempts: 0,
		createdBy: options.actor.id,
		createdAt: new Date(),
		expiresAt: new Date(Date.now() + DOMAIN_CODE_MINUTES * 60_000)
	};
	await runCommand(async (ctx) => {
		await ctx.tx.insert(domainChallenges).values(row).onConflictDoUpdate({ target: [domainChallenges.organisationId, domainChallenges.method], set: row });
		await ctx.queueMail({
			kind: 'domain_verification',
			message: domainCodeMail(email, { organisation: organisation.displayName, domain: domain.replace(/:\d+$/, ''), code, minutes: DOMAIN_CODE_MINUTES }, currentRequestLocale())
		});
	});
	return { email };
}
