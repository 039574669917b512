import { eq } from 'drizzle-orm';
import { db } from '../db';
import { organisations } from '../db/schema';
import { AppError } from '../errors';
import { hasSecondFactor } from '../auth/two-factor';
import { loadOrganisationForOwner } from './access';
import { m } from '$lib/paraglide/messages.js';

/** An owner requires (or stops requiring) a second factor of everyone who signs for the organisation. */
export async function setSecondFactorRequirement(options: { actor: { id: string }; organisationId: string; required: boolean }): Promise<void> {
	await loadOrganisationForOwner(options.organisationId, options.actor.id);
	await db()
		.update(organisations)
		.set({ requireTwoFactor: options.required, updatedAt: new Date() })
		.where(eq(organisations.id, options.organisationId));
}

/**
 * Refuses to sign for an organisation that requires a second factor until the signer
 * has one, saying where to set it up. Checked when signing and when confirming a
 * signature on an amended text.
 */
export async function requireSecondFactorToSign(options: { userId: string; organisationId: string }): Promise<void> {
	const [organisation] = await db()
		.select({ name: organisations.displayName, required: organisations.requireTwoFactor })
		.from(organisations)
		.where(eq(organisations.id, options.organisationId));
	if (!organisation?.required || (await hasSecondFactor(options.userId))) return;
	throw secondFactorRequiredError(organisation.name);
}

/** The refusal for a signer without a second factor, when the organisation requires one. */
export function secondFactorRequiredError(organisationName: string): AppError {
	return new AppError(
		'two_factor_required',
		m.coal_error_two_factor_to_sign({ name: organisationName })
	);
}
