import { eq } from 'drizzle-orm';
import { organisations } from '../db/schema';
import type { OrganisationProfile } from '$lib/validation/organisation';
import { loadOrganisationForOwner } from './access';
import { checkCountry } from './create-organisation';
import { assertPrintable } from '../pdf/printable';
import { runCommand } from '../commands/run-command';
import { dropStaleDomainVerification } from './domain/record-domain-verified';

export async function updateOrganisation(options: {
	actor: { id: string };
	organisationId: string;
	profile: OrganisationProfile;
}): Promise<void> {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	checkCountry(options.profile);
	assertPrintable(options.profile.displayName, options.profile.shortName);
	await runCommand(async (ctx) => {
		const [current] = await ctx.tx
			.select({ verifiedDomain: organisations.verifiedDomain })
			.from(organisations)
			.where(eq(organisations.id, options.organisationId))
			.for('update');
		await ctx.tx
			.update(organisations)
			.set({ ...options.profile, updatedAt: new Date() })
			.where(eq(organisations.id, options.organisationId));
		// A badge for a domain the website no longer has would vouch for someone else's site.
		await dropStaleDomainVerification(ctx, {
			organisationId: options.organisationId,
			verifiedDomain: current?.verifiedDomain ?? null,
			newWebsite: options.profile.website,
			actorId: options.actor.id
		});
	});
}
