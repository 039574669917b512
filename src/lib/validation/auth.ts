import { z } from 'zod';
import { email, password, text } from './text';
import { checkPasswordStrength } from './password';

export const signUpForm = z
	.object({
		name: text({ label: 'Your name', max: 120 }),
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
	code: z.string({ error: 'Enter the code from the mail.' }).trim().min(1, 'Enter the code from the mail.').max(32, 'That code is too long.')
});

export const newPasswordForm = z
	.object({ password: password('New password'), confirm: z.string().max(1024) })
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

export const changePasswordForm = z
	.object({
		currentPassword: password('Current password'),
		newPassword: password('New password'),
		confirm: z.string().max(1024)
	})
	.refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The two new passwords are not the same.' });

export const changeEmailForm = z.object({ email: email('New e-mail address'), currentPassword: password('Current password') });

export const nameForm = z.object({ name: text({ label: 'Your name', max: 120 }) });

/** AU10: the password is asked only when the link is confirmed away from the browser that signed up. */
export const confirmEmailForm = z
	.object({ password: z.string().max(1024).optional(), confirm: z.string().max(1024).optional() })
	.refine((v) => !v.password || v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

/** A 6-digit code from an authenticator app, or a recovery code (AU6). */
export const secondFactorForm = z.object({
	code: z
		.string({ error: 'Enter the code from your authenticator app.' })
		.trim()
		.min(1, 'Enter the code from your authenticator app.')
		.max(40, 'That code is too long.'),
	redirectTo: z.string().max(2000).optional()
});

export const totpCodeForm = z.object({
	code: z
		.string({ error: 'Enter the code your app shows.' })
		.trim()
		.regex(/^\d{3}\s?\d{3}$/, 'Enter the 6 digits your app shows.')
});

/** Turning the second factor off needs the password or a current code (AU8). */
export const disableSecondFactorForm = z.object({ password: z.string().max(1024).optional() });
