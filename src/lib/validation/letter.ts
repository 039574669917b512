import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { currentIntlLocale, languageNameInInterface } from '$lib/i18n/locales';
import { labelText, optionalText, text, type Label } from './text';
import { shownLimit } from './zod-messages';
import { rowId } from './form';

/** Languages a letter or translation can be written in (BCP 47), most used by our coalitions first. */
export const LETTER_LANGUAGES = [
	'en', 'mn', 'ru', 'ja', 'zh', 'ko', 'fa', 'prs', 'ar', 'fr', 'de', 'sv', 'es', 'it', 'nl', 'pt', 'tr', 'kk', 'ky', 'uz', 'uk', 'pl', 'da', 'no', 'fi', 'cs', 'he', 'ur', 'hi', 'bo', 'ug'
] as const;

/** A language's name in the interface language ("Swedish", "шведский"). */
export function languageName(code: string): string {
	// Intl names the traditional Mongolian script "Mongolian" in most languages, giving "Mongolian (Mongolian)".
	if (code === 'mn-Mong') return m.val_language_mongolian_traditional();
	return languageNameInInterface(code);
}

/**
 * Issue 14 point 5: the languages (and scripts) a name in another language is picked
 * from, by name: the letter languages and the script forms names are often written in
 * (a Mongolian name in Latin or traditional script, Chinese in either form).
 */
export const NAME_LANGUAGES: readonly string[] = [...LETTER_LANGUAGES, 'mn-Latn', 'mn-Mong', 'kk-Latn', 'uz-Cyrl', 'zh-Hans', 'zh-Hant', 'sr', 'sr-Latn', 'ps', 'ku'];

/** Language choices for a select, by name in the interface language; a stored code not in the list stays choosable. */
export function languageChoices(codes: readonly string[], keep?: string | null): { code: string; name: string }[] {
	const all = keep && !codes.includes(keep) ? [...codes, keep] : codes;
	const collator = new Intl.Collator(currentIntlLocale());
	return all.map((code) => ({ code, name: languageName(code) })).sort((a, b) => collator.compare(a.name, b.name));
}

/** Right-to-left scripts, for dir="rtl" on text in these languages. */
export function isRightToLeft(language: string): boolean {
	return ['ar', 'fa', 'prs', 'he', 'ur', 'ug', 'ps', 'yi'].includes(language.split('-')[0] ?? '');
}

export const language = z.enum(LETTER_LANGUAGES, { error: () => m.val_choose_language() });

export const DATE_FORMATS = ['day_month_year', 'ordinal', 'iso', 'letter_language'] as const;
export const ORDERINGS = ['alphabetical', 'signing_time', 'country'] as const;
export const VISIBILITIES = ['coalition', 'public'] as const;

/** The written parts, per language. */
export const letterText = z.object({
	title: text({ label: () => m.val_label_title(), max: 300 }),
	addressees: optionalText({ label: () => m.val_label_addressees(), max: 3000, multiline: true }).transform((v) => v ?? ''),
	body: text({ label: () => m.val_label_text(), max: 100_000, multiline: true }),
	closing: optionalText({ label: () => m.val_label_closing(), max: 1000, multiline: true }).transform((v) => v ?? '')
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
				ctx.addIssue({ code: 'custom', message: m.val_date_invalid() });
				return z.NEVER;
			}
			return v;
		});

export const letterSettings = z.object({
	place: optionalText({ label: () => m.val_label_place(), max: 120 }),
	letterDate: optionalDate(),
	dateFormat: z.enum(DATE_FORMATS, { error: () => m.val_choose_date_format() }),
	visibility: z.enum(VISIBILITIES, { error: () => m.val_choose_visibility() }),
	ordering: z.enum(ORDERINGS, { error: () => m.val_choose_ordering() }),
	initiatorsFirst: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true')
});

/** A whole letter pasted to be split into its fields (issue 13, point 3); nothing of it is stored as typed. */
export const pastedLetter = z.string().max(100_000, { error: () => m.val_pasted_text_too_long() });
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
	saveText.and(z.object({ headRevisionId: rowId, passages: z.array(passageChoice).min(1, { error: () => m.val_choose_passage_settlement() }) }))
);

export const commentForm = z.object({
	body: text({ label: () => m.val_label_comment(), max: 5000, multiline: true }),
	paragraph: z
		.string()
		.max(6)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const n = Number(v);
			if (!Number.isInteger(n) || n < 1) {
				ctx.addIssue({ code: 'custom', message: m.val_choose_paragraph() });
				return z.NEVER;
			}
			return n;
		}),
	language: z.string().max(20).optional().transform((v) => v || null),
	parentId: z.string().max(64).optional().transform((v) => v || null)
});

export const coalitionForm = z.object({
	name: text({ label: () => m.val_label_name(), max: 200, min: 2 }),
	description: optionalText({ label: () => m.val_label_description(), max: 2000, multiline: true }),
	organisationId: z
		.string({ error: () => m.val_choose_coalition_organisation() })
		.min(1, { error: () => m.val_choose_coalition_organisation() })
		.max(64)
});

/** Issue 13, point 8: a draft may be half typed, so only the revision's length limits apply (and no NUL byte or lone surrogate is stored). */
const draftField = (label: Label, max: number) =>
	z
		.string()
		.max(max, { error: () => m.val_draft_too_long({ label: labelText(label), count: max, shown: shownLimit(max) }) })
		.optional()
		.transform((v) => (v ?? '').toWellFormed().replaceAll('\u0000', ''));

export const draftText = z.object({
	title: draftField(() => m.val_draft_label_title(), 300),
	addressees: draftField(() => m.val_draft_label_addressees(), 3000),
	body: draftField(() => m.val_draft_label_text(), 100_000),
	closing: draftField(() => m.val_draft_label_closing(), 1000),
	baseRevisionId: z.string().max(64).optional().transform((v) => v || null),
	language
});

export const draftLanguage = z.object({ language });
