import { z } from 'zod';
import { LETTER_LANGUAGES } from '$lib/validation/letter';
import { optionalEmail, optionalText, text } from '$lib/validation/text';
import { m } from '$lib/paraglide/messages.js';

export const RECIPIENT_LIMITS = { name: 200, title: 200, organisation: 200, postalAddress: 1000 } as const;

/**
 * A language tag as people type it ("EN", "en-GB", " fa "): the primary subtag
 * picks one of the languages letters are published in. Empty means "the letter's
 * primary language", decided when the letter is sent.
 */
const recipientLanguage = z
	.string()
	.optional()
	.transform((raw, ctx) => {
		const value = (raw ?? '').trim().toLowerCase();
		if (value === '') return null;
		const primary = value.length <= 35 ? value.split(/[-_]/)[0] : undefined;
		const known = LETTER_LANGUAGES.find((code) => code === primary);
		if (!known) {
			ctx.addIssue({ code: 'custom', message: m.sig_error_recipient_language() });
			return z.NEVER;
		}
		return known;
	});

/** One recipient, from the add form or one CSV row: the same rules either way. */
export const recipientInput = z.object({
	name: text({ label: () => m.sig_label_name(), max: RECIPIENT_LIMITS.name }),
	title: optionalText({ label: () => m.sig_label_title(), max: RECIPIENT_LIMITS.title }),
	organisation: optionalText({ label: () => m.sig_label_organisation(), max: RECIPIENT_LIMITS.organisation }),
	email: optionalEmail('E-mail address'),
	postalAddress: optionalText({ label: () => m.sig_label_postal_address(), max: RECIPIENT_LIMITS.postalAddress, multiline: true }),
	language: recipientLanguage
});

export type RecipientInput = z.output<typeof recipientInput>;
