import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { optionalEmail, optionalText, optionalUrl, text } from './text';

export const ROLES = ['owner', 'signatory', 'member'] as const;
export type Role = (typeof ROLES)[number];

// Only its verdict is used: a name without a valid language gets "Choose the language of this name.".
const language = z
	.string()
	.max(20)
	.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/);

/** The profile fields of PRODUCT.md, for the create and edit forms. */
export const organisationProfile = z
	.object({
		displayName: text({ label: () => m.val_label_name(), max: 200, min: 2 }),
		shortName: optionalText({ label: () => m.val_label_short_name(), max: 30 }),
		country: z
			.string({ error: () => m.val_choose_country() })
			.max(2, { error: () => m.val_choose_country_from_list() })
			.regex(/^[A-Z]{2}$/, { error: () => m.val_choose_country_from_list() }),
		city: optionalText({ label: () => m.val_label_city(), max: 100 }),
		website: optionalUrl(() => m.val_label_website()),
		contactEmail: optionalEmail(() => m.val_label_contact_email()),
		description: optionalText({ label: () => m.val_label_description(), max: 2000, multiline: true }),
		otherName1: optionalText({ label: () => m.val_label_other_name(), max: 200 }),
		otherLanguage1: z.string().max(20).optional(),
		otherName2: optionalText({ label: () => m.val_label_other_name(), max: 200 }),
		otherLanguage2: z.string().max(20).optional()
	})
	.superRefine((value, ctx) => {
		for (const n of [1, 2] as const) {
			const name = value[`otherName${n}`];
			const lang = value[`otherLanguage${n}`]?.trim() ?? '';
			if (name && !language.safeParse(lang).success) {
				ctx.addIssue({ code: 'custom', path: [`otherLanguage${n}`], message: m.val_choose_name_language() });
			}
		}
	})
	.transform(({ otherName1, otherLanguage1, otherName2, otherLanguage2, ...rest }) => ({
		...rest,
		otherNames: [
			...(otherName1 ? [{ language: (otherLanguage1 ?? '').trim(), name: otherName1 }] : []),
			...(otherName2 ? [{ language: (otherLanguage2 ?? '').trim(), name: otherName2 }] : [])
		]
	}));

export type OrganisationProfile = z.output<typeof organisationProfile>;

export const role = z.enum(ROLES, { error: () => m.val_choose_role() });
