import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpForm } from '$lib/validation/auth';
import { signUp } from '$lib/server/auth/sign-up';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { rememberPendingVerification } from '$lib/server/auth/pending-verification';
import { acceptInvitation } from '$lib/server/organisations/accept-invitation';
import { clientAddress, queryParam } from '$lib/server/http';
import { linkOrigin, safeRedirect } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';

export const load = (({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return {
		redirectTo,
		invitation: queryParam(url, 'invitation', 'id', 128) ?? '',
		email: queryParam(url, 'email', 'text', 254) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	default: formAction('signUp', signUpForm, async ({ data, event }) => {
		const { name, email, password, invitation } = data;
		const result = await signUp({
			name,
			email,
			password,
			redirectTo: safeRedirect(data.redirectTo),
			invitationToken: invitation,
			clientAddress: clientAddress(event),
			origin: linkOrigin(event.url)
		});
		if (result.confirmedByInvitation && result.userId && invitation) {
			// The invitation mail proved the address: sign in and land in the organisation.
			const { token, session } = await createSession(result.userId);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			const { organisationId } = await acceptInvitation({ token: invitation, actor: { id: result.userId, email, emailVerified: true } });
			redirect(303, `/organisations/${organisationId}?welcome=1`);
		}
		rememberPendingVerification(event.cookies, event.url, result.verificationId);
		redirect(303, '/verify-email');
	}, { auth: 'anyone' })
} satisfies Actions;
