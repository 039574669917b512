import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Field names whose values are never sent back to the browser. */
const SECRET_FIELDS = /password|token|code/i;

/**
 * Parses a submitted form against a schema. On failure it returns one message per
 * field and what the user typed (secrets excepted), for fail() to send back.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
	const raw: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !(key in raw)) raw[key] = value;
	}
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data, values: typedValues(raw) };
	const errors: FieldErrors = {};
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
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 20_000);
	}
	return values;
}
