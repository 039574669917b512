import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { acceptCoalitionInvitation } from '$lib/server/coalitions/accept-coalition-invitation';
import { findCoalitionInvitation } from '$lib/server/coalitions/find-coalition-invitation';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { AppError } from '$lib/server/errors';
import { isInvitedAccount, maskAddress } from '$lib/server/invitations/invited-address';
import { formAction } from '$lib/server/form-action';
import { rowId } from '$lib/validation/form';

export const load = (async ({ params, locals, url }) => {
	try {
		const { invitation, coalitionName, inviterName } = await findCoalitionInvitation(params.token);
		// AU11: an account of another address learns where it went (masked), and nothing of the coalition.
		if (locals.user && !isInvitedAccount(invitation.email, locals.user)) {
			return { problem: null, sentTo: maskAddress(invitation.email), signedInAs: locals.user.email, coalitionName: null, inviterName: null, signedIn: true, organisations: [], here: url.pathname };
		}
		const owned = locals.user ? (await listMyOrganisations(locals.user.id)).filter((o) => o.role === 'owner') : [];
		return {
			problem: null,
			sentTo: null,
			signedInAs: null,
			coalitionName,
			inviterName,
			signedIn: locals.user !== null,
			organisations: owned.map(({ id, displayName }) => ({ id, displayName })),
			here: url.pathname
		};
	} catch (err) {
		if (err instanceof AppError) {
			return { problem: err.message, sentTo: null, signedInAs: null, coalitionName: null, inviterName: null, signedIn: locals.user !== null, organisations: [], here: url.pathname };
		}
		throw err;
	}
}) satisfies PageServerLoad;

const acceptForm = z.object({ organisationId: rowId });

export const actions = {
	default: formAction('accept', acceptForm, async ({ user, data, event }) => {
		const { coalitionId } = await acceptCoalitionInvitation({ token: event.params.token, actor: user, organisationId: data.organisationId });
		redirect(303, `/coalitions/${coalitionId}`);
	}, { get invalid() { return m.coal_choose_organisation_that_joins(); } })
} satisfies Actions;
