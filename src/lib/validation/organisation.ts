import { z } from 'zod';
import { optionalEmail, optionalText, optionalUrl, text } from './text';

export const ROLES = ['owner', 'signatory', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	owner: 'Owner',
	signatory: 'Signatory',
	member: 'Member'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	owner: 'manages the profile and members, and may sign',
	signatory: 'may sign letters on behalf of the organisation',
	member: 'reads and comments on drafts, cannot sign'
};

const language = z
	.string()
	.max(20)
	.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'Use a language code such as mn, ru or en-GB.');

/** The profile fields of PRODUCT.md, for the create and edit forms. */
export const organisationProfile = z
	.object({
		displayName: text({ label: 'Name', max: 200, min: 2 }),
		shortName: optionalText({ label: 'Short name', max: 30 }),
		country: z
			.string({ error: 'Choose a country.' })
			.max(2, 'Choose a country from the list.')
			.regex(/^[A-Z]{2}$/, 'Choose a country from the list.'),
		city: optionalText({ label: 'City', max: 100 }),
		website: optionalUrl('Website'),
		contactEmail: optionalEmail('Contact e-mail'),
		description: optionalText({ label: 'Description', max: 2000, multiline: true }),
		otherName1: optionalText({ label: 'Name in another language', max: 200 }),
		otherLanguage1: z.string().max(20).optional(),
		otherName2: optionalText({ label: 'Name in another language', max: 200 }),
		otherLanguage2: z.string().max(20).optional()
	})
	.superRefine((value, ctx) => {
		for (const n of [1, 2] as const) {
			const name = value[`otherName${n}`];
			const lang = value[`otherLanguage${n}`]?.trim() ?? '';
			if (name && !language.safeParse(lang).success) {
				ctx.addIssue({ code: 'custom', path: [`otherLanguage${n}`], message: 'Choose the language of this name.' });
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

export const role = z.enum(ROLES, { error: 'Choose a role.' });
