import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeEmailForm, changePasswordForm, nameForm } from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import { changeName, changePassword, requestEmailChange } from '$lib/server/auth/account';
import { findPendingVerification } from '$lib/server/auth/email-verification';
import { AppError } from '$lib/server/errors';
import { clientAddress, failForm, requireUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

export const load = (async (event) => {
	const { user } = requireUser(event);
	const pending = await findPendingVerification(user.id);
	return {
		account: { name: user.name, email: user.email, emailVerified: user.emailVerified },
		pendingEmail: pending && pending.email !== user.email ? pending.email : null,
		passwordReset: event.url.searchParams.has('passwordReset')
	};
}) satisfies PageServerLoad;

/** Each form answers under its own key, so messages land on the form they came from. */
export const actions = {
	name: async (event) => {
		const { user } = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(nameForm, form);
		if (!parsed.ok) return fail(400, { form: 'name', errors: parsed.errors, values: parsed.values, message: parsed.errors.name });
		try {
			await changeName(user.id, parsed.data.name);
		} catch (err) {
			return failForm(err, form, { form: 'name' });
		}
		return { form: 'name', done: 'Your name was saved.' };
	},
	password: async (event) => {
		const { user, session } = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(changePasswordForm, form);
		if (!parsed.ok) return fail(400, { form: 'password', errors: parsed.errors, values: {}, message: 'Please correct the marked fields.' });
		try {
			await changePassword({
				userId: user.id,
				sessionId: session.id,
				currentPassword: parsed.data.currentPassword,
				newPassword: parsed.data.newPassword,
				clientAddress: clientAddress(event)
			});
		} catch (err) {
			if (err instanceof AppError && err.code === 'invalid') {
				const field = err.message.startsWith('Your current') ? 'currentPassword' : 'newPassword';
				return fail(400, { form: 'password', errors: { [field]: err.message }, values: {}, message: err.message });
			}
			return failForm(err, undefined, { form: 'password' });
		}
		return { form: 'password', done: 'Your password was changed. Every other session was signed out.' };
	},
	email: async (event) => {
		const { user } = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(changeEmailForm, form);
		if (!parsed.ok) return fail(400, { form: 'email', errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await requestEmailChange({
				userId: user.id,
				currentPassword: parsed.data.currentPassword,
				newEmail: parsed.data.email,
				clientAddress: clientAddress(event),
				origin: linkOrigin(event.url)
			});
		} catch (err) {
			if (err instanceof AppError && err.code === 'invalid') {
				const field = err.message.startsWith('Your current') ? 'currentPassword' : 'email';
				return fail(400, { form: 'email', errors: { [field]: err.message }, values: parsed.values, message: err.message });
			}
			return failForm(err, form, { form: 'email' });
		}
		redirect(303, '/verify-email');
	}
} satisfies Actions;
