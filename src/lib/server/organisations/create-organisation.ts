import { db } from '../db';
import { memberships, organisations } from '../db/schema';
import { AppError } from '../errors';
import { generateId } from '../crypto';
import type { OrganisationProfile } from '$lib/validation/organisation';
import { isCountryCode } from './countries';
import { assertPrintable } from '../pdf/printable';
import { m } from '$lib/paraglide/messages.js';

export function checkCountry(profile: OrganisationProfile): void {
	if (!isCountryCode(profile.country)) throw new AppError('invalid', m.coal_error_country_from_list());
}

/** The creator becomes the organisation's first owner, in the same transaction. */
export async function createOrganisation(options: {
	actor: { id: string; emailVerified: boolean };
	profile: OrganisationProfile;
}): Promise<{ id: string }> {
	if (!options.actor.emailVerified) {
		throw new AppError('forbidden', m.coal_error_confirm_email_to_create());
	}
	checkCountry(options.profile);
	assertPrintable(options.profile.displayName, options.profile.shortName);
	const id = generateId();
	await db().transaction(async (tx) => {
		await tx.insert(organisations).values({ id, ...options.profile, createdBy: options.actor.id });
		await tx.insert(memberships).values({ organisationId: id, userId: options.actor.id, role: 'owner' });
	});
	return { id };
}
