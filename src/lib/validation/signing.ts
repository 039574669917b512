import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { optionalText, text } from './text';
import { rowId } from './form';

export const openSigningForm = z.object({
	deadline: z
		.string()
		.max(16)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) {
				ctx.addIssue({ code: 'custom', message: m.val_deadline_invalid() });
				return z.NEVER;
			}
			return v;
		}),
	timeZone: z.string().max(64).optional()
});

export const signForm = z.object({
	organisationId: z
		.string({ error: () => m.val_choose_signing_organisation() })
		.min(1, { error: () => m.val_choose_signing_organisation() })
		.max(64)
		.regex(/^[A-Za-z0-9_-]+$/, { error: () => m.val_choose_signing_organisation() }),
	textHash: z
		.string({ error: () => m.val_text_seen_unknown() })
		.max(64, { error: () => m.val_text_seen_unknown() })
		.regex(/^[0-9a-f]{64}$/, { error: () => m.val_text_seen_unknown() }),
	signerTitle: optionalText({ label: () => m.val_label_your_title(), max: 120 }),
	signerNamePublic: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
	statement: optionalText({ label: () => m.val_label_statement(), max: 500, multiline: true }),
	password: z.string().max(1024).optional().transform((v) => v || null)
});

/** A ticked box: the confirmation that names the letter before a signature ends. */
const confirmed = z
	.string()
	.max(8)
	.optional()
	.transform((v) => v === 'on' || v === 'true');

const stepUpPassword = z.string().max(1024).optional().transform((v) => v || null);

/** Withdrawing or revoking a signature: a confirmation naming the letter, and the password unless stepped up (AU8). */
export const endSignatureForm = z.object({ confirm: confirmed, password: stepUpPassword });

export const excludeForm = z.object({
	signatureId: rowId,
	reason: text({ label: () => m.val_label_reason(), max: 500, multiline: true }),
	confirm: confirmed,
	password: stepUpPassword
});

export const signOnForm = z.object({
	organisationId: z
		.string({ error: () => m.val_choose_organisation() })
		.min(1, { error: () => m.val_choose_organisation() })
		.max(64)
		.regex(/^[A-Za-z0-9_-]+$/, { error: () => m.val_choose_organisation() }),
	message: optionalText({ label: () => m.val_label_message(), max: 500, multiline: true })
});
