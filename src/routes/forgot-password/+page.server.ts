import type { Actions } from './$types';
import { emailForm } from '$lib/validation/auth';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { clientAddress } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';
import { formAction } from '$lib/server/form-action';
import { m } from '$lib/paraglide/messages.js';

export const actions = {
	/** AU1: the same answer whether or not the address has an account; it repeats the address typed. */
	default: formAction('reset', emailForm, async ({ data, event }) => {
		await requestPasswordReset({ email: data.email, clientAddress: clientAddress(event), origin: linkOrigin(event.url) });
		return { email: data.email };
	}, { auth: 'anyone', invalid: () => m.auth_forgot_password_invalid() })
} satisfies Actions;
