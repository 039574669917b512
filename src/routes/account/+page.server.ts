import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeEmailForm, changePasswordForm, nameForm } from '$lib/validation/auth';
import { changeName, changePassword, requestEmailChange } from '$lib/server/auth/account';
import { findPendingVerification } from '$lib/server/auth/email-verification';
import { hasSecondFactor } from '$lib/server/auth/two-factor';
import { clientAddress, requireUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';

export const load = (async (event) => {
	const { user } = requireUser(event);
	const pending = await findPendingVerification(user.id);
	return {
		account: { name: user.name, email: user.email, emailVerified: user.emailVerified },
		pendingEmail: pending && pending.email !== user.email ? pending.email : null,
		passwordReset: event.url.searchParams.has('passwordReset'),
		secondFactor: await hasSecondFactor(user.id)
	};
}) satisfies PageServerLoad;

/** Each form answers under its own name, so messages land on the form they came from. */
export const actions = {
	name: formAction('name', nameForm, async ({ user, data, event }) => {
		await changeName(user.id, data.name);
		done(event, 'nameSaved');
	}, { auth: 'user' }),
	password: formAction('password', changePasswordForm, async ({ user, session, data, event }) => {
		await changePassword({ userId: user.id, sessionId: session.id, currentPassword: data.currentPassword, newPassword: data.newPassword, clientAddress: clientAddress(event) });
		done(event, 'passwordChanged');
	}, { auth: 'user' }),
	email: formAction('email', changeEmailForm, async ({ user, data, event }) => {
		await requestEmailChange({ userId: user.id, currentPassword: data.currentPassword, newEmail: data.email, clientAddress: clientAddress(event), origin: linkOrigin(event.url) });
		redirect(303, '/verify-email');
	}, { auth: 'user' })
} satisfies Actions;
