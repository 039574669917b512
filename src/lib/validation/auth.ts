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
