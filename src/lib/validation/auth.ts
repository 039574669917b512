import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { email, password, text } from './text';
import { checkPasswordStrength } from './password';

export const signUpForm = z
	.object({
		name: text({ label: () => m.val_label_your_name(), max: 120 }),
		email: email(),
		// Checked on its own first, so its message shows even when another field is wrong.
		password: password().superRefine((value, ctx) => {
			const weak = checkPasswordStrength(value);
			if (weak) ctx.addIssue({ code: 'custom', message: weak });
		}),
		redirectTo: z.string().max(2000).optional(),
		invitation: z.string().max(100).optional()
	})
	.superRefine((value, ctx) => {
		const weak = checkPasswordStrength(value.password, [value.email, value.name]);
		if (weak) ctx.addIssue({ code: 'custom', path: ['password'], message: weak });
	});

export const signInForm = z.object({
	email: email(),
	password: password(),
	redirectTo: z.string().max(2000).optional()
});

export const emailForm = z.object({ email: email() });

export const codeForm = z.object({
	code: z
		.string({ error: () => m.val_code_from_mail() })
		.trim()
		.min(1, { error: () => m.val_code_from_mail() })
		.max(32, { error: () => m.val_code_too_long() })
});

export const newPasswordForm = z
	.object({ password: password(() => m.val_label_new_password()), confirm: z.string().max(1024) })
	.refine((v) => v.password === v.confirm, { path: ['confirm'], error: () => m.val_passwords_differ() });

export const changePasswordForm = z
	.object({
		currentPassword: password(() => m.val_label_current_password()),
		newPassword: password(() => m.val_label_new_password()),
		confirm: z.string().max(1024)
	})
	.refine((v) => v.newPassword === v.confirm, { path: ['confirm'], error: () => m.val_new_passwords_differ() });

export const changeEmailForm = z.object({ email: email(() => m.val_label_new_email()), currentPassword: password(() => m.val_label_current_password()) });

export const nameForm = z.object({ name: text({ label: () => m.val_label_your_name(), max: 120 }) });

/** AU10: the password is asked only when the link is confirmed away from the browser that signed up. */
export const confirmEmailForm = z
	.object({ password: z.string().max(1024).optional(), confirm: z.string().max(1024).optional() })
	.refine((v) => !v.password || v.password === v.confirm, { path: ['confirm'], error: () => m.val_passwords_differ() });

/** A 6-digit code from an authenticator app, or a recovery code (AU6). */
export const secondFactorForm = z.object({
	code: z
		.string({ error: () => m.val_code_from_authenticator() })
		.trim()
		.min(1, { error: () => m.val_code_from_authenticator() })
		.max(40, { error: () => m.val_code_too_long() }),
	redirectTo: z.string().max(2000).optional()
});

export const totpCodeForm = z.object({
	code: z
		.string({ error: () => m.val_code_app_shows() })
		.trim()
		.regex(/^\d{3}\s?\d{3}$/, { error: () => m.val_code_six_digits() })
});

/** Turning the second factor off needs the password or a current code (AU8). */
export const disableSecondFactorForm = z.object({ password: z.string().max(1024).optional() });
