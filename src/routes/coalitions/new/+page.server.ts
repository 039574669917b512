import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitionForm } from '$lib/validation/letter';
import { parseForm } from '$lib/validation/form';
import { createCoalition } from '$lib/server/coalitions/create-coalition';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { failForm, requireVerifiedUser } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	const organisations = (await listMyOrganisations(user.id)).filter((o) => o.role !== 'member');
	return { organisations: organisations.map(({ id, displayName }) => ({ id, displayName })) };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(coalitionForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		let id;
		try {
			({ id } = await createCoalition({ actor: user, ...parsed.data }));
		} catch (err) {
			return failForm(err, form);
		}
		redirect(303, `/coalitions/${id}`);
	}
} satisfies Actions;
