import { eq, inArray } from 'drizzle-orm';
import { db } from '../../db';
import { domainChallenges, organisations } from '../../db/schema';
import { settings } from '../../env';
import { loadOrganisationForOwner } from '../access';
import { WELL_KNOWN_PATH } from './fetch-well-known';
import { wellKnownLine } from './create-well-known-token';
import { websiteDomainOrNull } from './website-domain';

/** What the owners' page shows: the domain to prove, and what is under way. Never a code or its hash. */
export async function loadDomainVerificationStatus(options: { actor: { id: string }; organisationId: string }) {
	const { organisation } = await loadOrganisationForOwner(options.organisationId, options.actor.id);
	const allowInsecure = settings().domainCheckAllowInsecure;
	const domain = websiteDomainOrNull(organisation.website, { allowInsecure });
	const challenges = await db()
		.select({ method: domainChallenges.method, domain: domainChallenges.domain, email: domainChallenges.email, token: domainChallenges.token, expiresAt: domainChallenges.expiresAt })
		.from(domainChallenges)
		.where(eq(domainChallenges.organisationId, organisation.id));
	const open = challenges.filter((c) => c.domain === domain && c.expiresAt.getTime() > Date.now());
	const code = open.find((c) => c.method === 'email_code');
	const file = open.find((c) => c.method === 'well_known_file');
	return {
		id: organisation.id,
		name: organisation.displayName,
		website: organisation.website,
		domain,
		verifiedDomain: organisation.verifiedDomain,
		verifiedAt: organisation.domainVerifiedAt,
		codeSentTo: code?.email ?? null,
		wellKnown: file?.token && domain ? { url: `${allowInsecure ? 'http' : 'https'}://${domain}${WELL_KNOWN_PATH}`, line: wellKnownLine(organisation.id, file.token) } : null
	};
}

/** The verified domain of each organisation that has one, for badges in lists. */
export async function verifiedDomainsOf(organisationIds: string[]): Promise<Map<string, string>> {
	const ids = [...new Set(organisationIds)];
	if (ids.length === 0) return new Map();
	const rows = await db().select({ id: organisations.id, domain: organisations.verifiedDomain }).from(organisations).where(inArray(organisations.id, ids));
	return new Map(rows.filter((r) => r.domain).map((r) => [r.id, r.domain!]));
}
