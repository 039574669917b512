import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { emailForm } from '$lib/validation/auth';
import { parseForm } from '$lib/validation/form';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { clientAddress, failForm } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(emailForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: 'Please correct the marked field.' });
		try {
			await requestPasswordReset({ email: parsed.data.email, clientAddress: clientAddress(event), origin: linkOrigin(event.url) });
		} catch (err) {
			return failForm(err, form);
		}
		// AU1: the same answer whether or not the address has an account.
		return { sent: true, email: parsed.data.email };
	}
} satisfies Actions;
