import { z } from 'zod';
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
		if (chosenOrganisationIds(form).length === 0) ctx.addIssue({ code: 'custom', path: ['organisationIds'], message: 'Choose at least one organisation to ask.' });
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
	organisationId: z.string().max(64, 'Choose the organisation that answers.').regex(/^[A-Za-z0-9_-]{1,64}$/, 'Choose the organisation that answers.'),
	textKey: z.string().max(64, 'The text you read could not be identified; reload the page.').regex(/^[0-9a-f]{64}$/, 'The text you read could not be identified; reload the page.')
});

export const changesAnswerForm = approvalAnswerForm.extend({
	note: optionalText({ label: 'What should change', max: 1000, multiline: true }).refine((v) => v !== null, 'Say what should change, so the coordinators can act on it.')
});
