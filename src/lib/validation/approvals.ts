import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { optionalText, personalMessage } from './text';

/** A ticked box: "on" from a browser, "true" from a script. */
const ticked = z
	.string()
	.max(8)
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/**
 * Each organisation's box is its own field, `organisation-<id>` (a field sent twice
 * counts once in parseForm, so one name for many boxes would keep only the first).
 */
const ORGANISATION_FIELD = /^organisation-([A-Za-z0-9_-]{1,64})$/;

export const askApprovalForm = z
	.object({ message: personalMessage() })
	.catchall(z.string().max(8))
	.superRefine((form, ctx) => {
		if (chosenOrganisationIds(form).length === 0) ctx.addIssue({ code: 'custom', path: ['organisationIds'], message: m.val_choose_organisations_to_ask() });
	});

export function chosenOrganisationIds(form: Record<string, unknown>): string[] {
	return Object.entries(form).flatMap(([key, value]) => {
		const id = ORGANISATION_FIELD.exec(key)?.[1];
		return id && (value === 'on' || value === 'true') ? [id] : [];
	});
}

export const requireApprovalsForm = z.object({ required: ticked });

/** The approving organisation's answer: which organisation, which exact text, and for changes, what. */
export const approvalAnswerForm = z.object({
	organisationId: z
		.string({ error: () => m.val_choose_answering_organisation() })
		.max(64, { error: () => m.val_choose_answering_organisation() })
		.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: () => m.val_choose_answering_organisation() }),
	textKey: z
		.string({ error: () => m.val_text_read_unknown() })
		.max(64, { error: () => m.val_text_read_unknown() })
		.regex(/^[0-9a-f]{64}$/, { error: () => m.val_text_read_unknown() })
});

export const changesAnswerForm = approvalAnswerForm.extend({
	note: optionalText({ label: () => m.val_label_what_should_change(), max: 1000, multiline: true }).refine((v) => v !== null, {
		error: () => m.val_say_what_should_change()
	})
});
