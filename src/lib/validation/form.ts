import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
// zod's own messages in the reader's language, for every form parseForm reads.
import { zodMessage } from './zod-messages';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Field names whose values are never sent back to the browser. */
const SECRET_FIELDS = /password|token|code/i;

/** Longer than any field we accept; refused before a schema (or a regular expression) sees it. */
const MAX_FIELD_LENGTH = 200_000;

export const unstorableMessage = () => m.val_form_unstorable();

/**
 * IN1: PostgreSQL text refuses NUL, and a lone surrogate is not Unicode at all: both
 * get a field message here, for every schema, before anything reaches the database.
 * A lone surrogate sent over HTTP arrives as U+FFFD (the decoder's replacement
 * character), so that is refused too: it only ever stands for a broken character.
 */
export function storableProblem(value: string): string | undefined {
	if (value.length > MAX_FIELD_LENGTH) return m.val_form_far_too_long();
	if (value.includes('\u0000') || value.includes('\uFFFD') || !value.isWellFormed()) return unstorableMessage();
	return undefined;
}

/**
 * Parses a submitted form against a schema. On failure it returns one message per
 * field and what the user typed (secrets excepted), for fail() to send back. A field
 * sent twice counts once (the first); files are ignored.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
	const raw: Record<string, string> = {};
	// Everything typed, unstorable values included: typedValues cleans them for the refill.
	const typed: Record<string, string> = {};
	const errors: FieldErrors = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string' || key in typed) continue;
		typed[key] = value;
		const problem = storableProblem(key) ?? storableProblem(value);
		if (problem) errors[storableProblem(key) ? 'form' : key] ??= problem;
		else raw[key] = value;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors, values: typedValues(typed) };
	// Our map for zod's own messages, named here too: the global one (zod-messages.ts) is
	// per zod instance, and a second copy of this module (a bundle) would replace it.
	const parsed = schema.safeParse(raw, { error: zodMessage });
	if (parsed.success) return { ok: true, data: parsed.data, values: typedValues(raw) };
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: typedValues(raw) };
}

/** What the user typed, minus secrets, for refilling a form. */
export function typedValues(raw: Record<string, string> | FormData): Record<string, string> {
	const values: Record<string, string> = {};
	const entries = raw instanceof FormData ? [...raw] : Object.entries(raw);
	for (const [key, value] of entries) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key) && !storableProblem(key) && !(key in values)) {
			values[key] = value.slice(0, 20_000).toWellFormed().replaceAll('\u0000', '');
		}
	}
	return values;
}

/** An id posted by a form (a hidden input or a select): the shape param matchers accept. */
export const rowId = z
	.string()
	.max(64, { error: () => m.val_choose_from_list() })
	.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: () => m.val_choose_from_list() });

/** For actions whose form has no fields of its own (a single button). */
export const emptyForm = z.object({});
