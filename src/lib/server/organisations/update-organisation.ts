import { eq } from 'drizzle-orm';
import { db } from '../db';
import { organisations } from '../db/schema';
import type { OrganisationProfile } from '$lib/validation/organisation';
import { loadOrganisationForOwner } from './access';
import { checkCountry } from './create-organisation';
import { assertPrintable } from '../pdf/printable';

export async function updateOrganisation(options: {
	actor: { id: string };
	organisationId: string;
	profile: OrganisationProfile;
}): Promise<void> {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	checkCountry(options.profile);
	assertPrintable(options.profile.displayName, options.profile.shortName);
	await db()
		.update(organisations)
		.set({ ...options.profile, updatedAt: new Date() })
		.where(eq(organisations.id, options.organisationId));
}
