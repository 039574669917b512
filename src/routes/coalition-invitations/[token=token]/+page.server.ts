import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { acceptCoalitionInvitation, findCoalitionInvitation } from '$lib/server/coalitions/invitations';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { AppError } from '$lib/server/errors';
import { failForm, requireVerifiedUser } from '$lib/server/http';
import { parseForm } from '$lib/validation/form';

export const load = (async ({ params, locals, url }) => {
	try {
		const { coalitionName, inviterName } = await findCoalitionInvitation(params.token);
		const owned = locals.user ? (await listMyOrganisations(locals.user.id)).filter((o) => o.role === 'owner') : [];
		return {
			problem: null,
			coalitionName,
			inviterName,
			signedIn: locals.user !== null,
			organisations: owned.map(({ id, displayName }) => ({ id, displayName })),
			here: url.pathname
		};
	} catch (err) {
		if (err instanceof AppError) {
			return { problem: err.message, coalitionName: null, inviterName: null, signedIn: locals.user !== null, organisations: [], here: url.pathname };
		}
		throw err;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ organisationId: z.string().min(1, 'Choose an organisation.').max(64) }), await event.request.formData());
		if (!parsed.ok) return fail(400, { message: 'Choose the organisation that joins.' });
		let coalitionId;
		try {
			({ coalitionId } = await acceptCoalitionInvitation({ token: event.params.token, actor: user, organisationId: parsed.data.organisationId }));
		} catch (err) {
			return failForm(err);
		}
		redirect(303, `/coalitions/${coalitionId}`);
	}
} satisfies Actions;
