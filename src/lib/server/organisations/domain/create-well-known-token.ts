import { domainChallenges } from '../../db/schema';
import { generateId, generateToken } from '../../crypto';
import { db } from '../../db';
import { settings } from '../../env';
import { loadOrganisationForOwner } from '../access';
import { websiteDomain } from './website-domain';

/** A token stays valid for publishing for a week; the owner may need a web admin's help. */
export const WELL_KNOWN_TOKEN_DAYS = 7;

/** The line to publish: names the organisation's id too, so one file can hold several organisations' tokens. */
export function wellKnownLine(organisationId: string, token: string): string {
	return `undersigned-verification=${organisationId}.${token}`;
}

/** An owner asks for a token to publish at https://<domain>/.well-known/undersigned.txt; replaces an earlier one. */
export async function createWellKnownToken(options: { actor: { id: string }; organisationId: string; allowInsecure?: boolean }): Promise<void> {
	const { organisation } = await loadOrganisationForOwner(options.organisationId, options.actor.id);
	const domain = websiteDomain(organisation.website, { allowInsecure: options.allowInsecure ?? settings().domainCheckAllowInsecure });
	const row = {
		id: generateId(),
		organisationId: organisation.id,
		method: 'well_known_file' as const,
		domain,
		email: null,
		codeHash: null,
		token: generateToken(),
		failedAttempts: 0,
		createdBy: options.actor.id,
		createdAt: new Date(),
		expiresAt: new Date(Date.now() + WELL_KNOWN_TOKEN_DAYS * 86_400_000)
	};
	await db().insert(domainChallenges).values(row).onConflictDoUpdate({ target: [domainChallenges.organisationId, domainChallenges.method], set: row });
}
