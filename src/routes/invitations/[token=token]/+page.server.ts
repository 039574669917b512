import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvitation } from '$lib/server/organisations/accept-invitation';
import { findInvitation } from '$lib/server/organisations/find-invitation';
import { AppError } from '$lib/server/errors';
import { roleLabel } from '$lib/components/role-labels';
import { isInvitedAccount, maskAddress } from '$lib/server/invitations/invited-address';
import { formAction } from '$lib/server/form-action';
import { emptyForm } from '$lib/validation/form';

export const load = (async ({ params, locals, url }) => {
	try {
		const { invitation, organisationName, inviterName } = await findInvitation(params.token);
		return {
			problem: null,
			invitation: {
				organisationName,
				inviterName,
				role: roleLabel(invitation.role),
				// Shown in full only to someone not signed in, who holds the link mailed to it
				// (it fills the sign-up form); a signed-in account of another address sees it masked.
				email: locals.user && !isInvitedAccount(invitation.email, locals.user) ? maskAddress(invitation.email) : invitation.email,
				signUpUrl: `/sign-up?${new URLSearchParams({ invitation: params.token, email: invitation.email, redirectTo: url.pathname })}`,
				signInUrl: `/sign-in?${new URLSearchParams({ redirectTo: url.pathname })}`
			},
			signedIn: locals.user !== null,
			signedInAs: locals.user?.email ?? null,
			// AU11: only the account confirmed on the invited address may accept.
			forSomeoneElse: locals.user !== null && !isInvitedAccount(invitation.email, locals.user)
		};
	} catch (err) {
		if (err instanceof AppError) return { problem: err.message, invitation: null, signedIn: locals.user !== null, signedInAs: null, forSomeoneElse: false };
		throw err;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('accept', emptyForm, async ({ user, event }) => {
		const { organisationId } = await acceptInvitation({ token: event.params.token, actor: user });
		redirect(303, `/organisations/${organisationId}?welcome=1`);
	})
} satisfies Actions;
