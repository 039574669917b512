import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { loadOrganisationForOwner } from '$lib/server/organisations/access';
import { setSecondFactorRequirement } from '$lib/server/organisations/second-factor-requirement';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';

const requirementForm = z.object({ required: z.enum(['yes', 'no']) });

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { organisation } = await loadOrganisationForOwner(event.params.id, user.id);
		return { id: organisation.id, name: organisation.displayName, required: organisation.requireTwoFactor };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('requirement', requirementForm, async ({ user, data, event }) => {
		await setSecondFactorRequirement({ actor: user, organisationId: event.params.id, required: data.required === 'yes' });
		done(event, data.required === 'yes' ? 'required' : 'optional');
	}, { get invalid() { return m.coal_second_factor_choose(); } })
} satisfies Actions;
