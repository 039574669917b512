import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitionForm } from '$lib/validation/letter';
import { createCoalition } from '$lib/server/coalitions/create-coalition';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { requireVerifiedUser } from '$lib/server/http';
import { formAction } from '$lib/server/form-action';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	const organisations = (await listMyOrganisations(user.id)).filter((o) => o.role !== 'member');
	return { organisations: organisations.map(({ id, displayName }) => ({ id, displayName })) };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('coalition', coalitionForm, async ({ user, data }) => {
		const { id } = await createCoalition({ actor: user, ...data });
		redirect(303, `/coalitions/${id}`);
	})
} satisfies Actions;
