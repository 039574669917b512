import { z } from 'zod';
import { optionalText, text } from './text';
import { rowId } from './form';

/** Languages a letter or translation can be written in (BCP 47), most used by our coalitions first. */
export const LETTER_LANGUAGES = [
	'en', 'mn', 'ru', 'ja', 'zh', 'ko', 'fa', 'prs', 'ar', 'fr', 'de', 'sv', 'es', 'it', 'nl', 'pt', 'tr', 'kk', 'ky', 'uz', 'uk', 'pl', 'da', 'no', 'fi', 'cs', 'he', 'ur', 'hi', 'bo', 'ug'
] as const;

export function languageName(code: string, displayLanguage = 'en'): string {
	// Intl names the traditional Mongolian script "Mongolian", giving "Mongolian (Mongolian)".
	if (code === 'mn-Mong' && displayLanguage === 'en') return 'Mongolian (traditional script)';
	try {
		return new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/**
 * Issue 14 point 5: the languages (and scripts) a name in another language is picked
 * from, by name: the letter languages and the script forms names are often written in
 * (a Mongolian name in Latin or traditional script, Chinese in either form).
 */
export const NAME_LANGUAGES: readonly string[] = [...LETTER_LANGUAGES, 'mn-Latn', 'mn-Mong', 'kk-Latn', 'uz-Cyrl', 'zh-Hans', 'zh-Hant', 'sr', 'sr-Latn', 'ps', 'ku'];

/** Language choices for a select, by name in `displayLanguage`; a stored code not in the list stays choosable. */
export function languageChoices(codes: readonly string[], displayLanguage = 'en', keep?: string | null): { code: string; name: string }[] {
	const all = keep && !codes.includes(keep) ? [...codes, keep] : codes;
	const collator = new Intl.Collator(displayLanguage);
	return all.map((code) => ({ code, name: languageName(code, displayLanguage) })).sort((a, b) => collator.compare(a.name, b.name));
}

/** Right-to-left scripts, for dir="rtl" on text in these languages. */
export function isRightToLeft(language: string): boolean {
	return ['ar', 'fa', 'prs', 'he', 'ur', 'ug', 'ps', 'yi'].includes(language.split('-')[0] ?? '');
}

export const language = z.enum(LETTER_LANGUAGES, { error: 'Choose a language from the list.' });

export const DATE_FORMATS = ['day_month_year', 'ordinal', 'iso', 'letter_language'] as const;
export const DATE_FORMAT_LABELS: Record<(typeof DATE_FORMATS)[number], string> = {
	day_month_year: '20 May 2024',
	ordinal: 'The 20th of May, 2024',
	iso: '2024-05-20',
	letter_language: 'In the letter’s own language'
};
export const ORDERINGS = ['alphabetical', 'signing_time', 'country'] as const;
export const ORDERING_LABELS: Record<(typeof ORDERINGS)[number], string> = {
	alphabetical: 'Alphabetical',
	signing_time: 'By time of signing',
	country: 'Grouped by country'
};
export const VISIBILITIES = ['coalition', 'public'] as const;
export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
	coalition: 'Coalition only',
	public: 'Public once published'
};

/** The written parts, per language. */
export const letterText = z.object({
	title: text({ label: 'Title', max: 300 }),
	addressees: optionalText({ label: 'Addressees', max: 3000, multiline: true }).transform((v) => v ?? ''),
	body: text({ label: 'Text', max: 100_000, multiline: true }),
	closing: optionalText({ label: 'Closing', max: 1000, multiline: true }).transform((v) => v ?? '')
});

/** An optional calendar date as the date input sends it (YYYY-MM-DD); empty becomes null. */
export const optionalDate = () =>
	z
		.string()
		.max(10)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
				ctx.addIssue({ code: 'custom', message: 'Give the date as year-month-day.' });
				return z.NEVER;
			}
			return v;
		});

export const letterSettings = z.object({
	place: optionalText({ label: 'Place', max: 120 }),
	letterDate: optionalDate(),
	dateFormat: z.enum(DATE_FORMATS, { error: 'Choose a date format.' }),
	visibility: z.enum(VISIBILITIES, { error: 'Choose who may see the letter.' }),
	ordering: z.enum(ORDERINGS, { error: 'Choose an order for the signatory list.' }),
	initiatorsFirst: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true')
});

/** A whole letter pasted to be split into its fields (issue 13, point 3); nothing of it is stored as typed. */
export const pastedLetter = z.string().max(100_000, 'The pasted text is too long.');
export const pasteIntoText = z.object({ pasted: pastedLetter, language });

export const newLetter = letterSettings.and(letterText).and(z.object({ primaryLanguage: language }));

export const saveText = letterText.and(
	z.object({
		baseRevisionId: z.string().max(64).optional().transform((v) => v || null),
		sourceRevisionId: z.string().max(64).optional().transform((v) => v || null),
		language
	})
);

/** The most passages one conflict form settles; a conflict with more is settled in the editor. */
export const MAX_CONFLICT_PASSAGES = 300;
export const PASSAGE_CHOICES = ['mine', 'theirs', 'edit'] as const;

const passageChoice = z.object({
	// Checked by resolveConflict, so a passage left unchosen keeps the conflict screen and everything typed.
	keep: z.enum(PASSAGE_CHOICES).optional(),
	// No limit of its own (parseForm and the body size limit bound it): the settled text is checked as a whole, with the passages shown again.
	text: z.string().optional().transform((v) => v ?? ''),
	check: z.string().max(64)
});

/**
 * Issue 13, point 9: the conflict screen's form. Besides the writer's text and the two
 * revisions it was merged from, one choice per passage, posted as `keep-<i>`,
 * `text-<i>` (the edit) and `check-<i>` (which passage it is, resolve-conflict.ts).
 */
export const resolveText = z.preprocess(
	(raw) => {
		const fields = raw as Record<string, string>;
		const passages = [];
		for (let i = 0; i < MAX_CONFLICT_PASSAGES && `check-${i}` in fields; i++) {
			passages.push({ keep: fields[`keep-${i}`], text: fields[`text-${i}`], check: fields[`check-${i}`] });
		}
		return { ...fields, passages };
	},
	saveText.and(z.object({ headRevisionId: rowId, passages: z.array(passageChoice).min(1, 'Choose how to settle each passage.') }))
);

export const commentForm = z.object({
	body: text({ label: 'Comment', max: 5000, multiline: true }),
	paragraph: z
		.string()
		.max(6)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const n = Number(v);
			if (!Number.isInteger(n) || n < 1) {
				ctx.addIssue({ code: 'custom', message: 'Choose a paragraph from the list.' });
				return z.NEVER;
			}
			return n;
		}),
	language: z.string().max(20).optional().transform((v) => v || null),
	parentId: z.string().max(64).optional().transform((v) => v || null)
});

export const coalitionForm = z.object({
	name: text({ label: 'Name', max: 200, min: 2 }),
	description: optionalText({ label: 'Description', max: 2000, multiline: true }),
	organisationId: z.string({ error: 'Choose the organisation that starts the coalition.' }).min(1, 'Choose the organisation that starts the coalition.').max(64)
});

/** Issue 13, point 8: a draft may be half typed, so only the revision's length limits apply (and no NUL byte or lone surrogate is stored). */
const draftField = (label: string, max: number) =>
	z
		.string()
		.max(max, `${label} is longer than ${max.toLocaleString('en')} characters.`)
		.optional()
		.transform((v) => (v ?? '').toWellFormed().replaceAll('\u0000', ''));

export const draftText = z.object({
	title: draftField('The title', 300),
	addressees: draftField('The addressees', 3000),
	body: draftField('The text', 100_000),
	closing: draftField('The closing', 1000),
	baseRevisionId: z.string().max(64).optional().transform((v) => v || null),
	language
});

export const draftLanguage = z.object({ language });
