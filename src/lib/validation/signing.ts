import { z } from 'zod';
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
				ctx.addIssue({ code: 'custom', message: 'Give the deadline as a date and time.' });
				return z.NEVER;
			}
			return v;
		}),
	timeZone: z.string().max(64).optional()
});

export const signForm = z.object({
	organisationId: z.string({ error: 'Choose the organisation that signs.' }).min(1, 'Choose the organisation that signs.').max(64).regex(/^[A-Za-z0-9_-]+$/, 'Choose the organisation that signs.'),
	textHash: z.string().max(64, 'The text you saw could not be identified; reload the page.').regex(/^[0-9a-f]{64}$/, 'The text you saw could not be identified; reload the page.'),
	signerTitle: optionalText({ label: 'Your title', max: 120 }),
	signerNamePublic: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
	statement: optionalText({ label: 'Statement', max: 500, multiline: true }),
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
	reason: text({ label: 'Reason', max: 500, multiline: true }),
	confirm: confirmed,
	password: stepUpPassword
});

export const signOnForm = z.object({
	organisationId: z.string({ error: 'Choose an organisation.' }).min(1, 'Choose an organisation.').max(64).regex(/^[A-Za-z0-9_-]+$/, 'Choose an organisation.'),
	message: optionalText({ label: 'Message', max: 500, multiline: true })
});
