import { z } from 'zod';

/*
 * IN1, IN2, IN5: every text field is length-checked first (before any regular
 * expression runs), then refused if it holds characters that could corrupt storage
 * or spoof how a name reads, then NFC-normalised. The patterns are single character
 * classes, so they cannot backtrack.
 */
const NUL = /\u0000/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u180E]/;
// C0 and C1 controls other than tab and line breaks, which multi-line fields allow.
const CONTROL_SINGLE_LINE = /[\u0001-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export interface TextOptions {
	label: string;
	max: number;
	min?: number;
	multiline?: boolean;
}

/** Returns the problem with a piece of text, or undefined if it is acceptable. */
export function textProblem(value: string, { label, max, min = 1, multiline = false }: TextOptions): string | undefined {
	if (value.length > max * 2) return `${label} is too long (at most ${max} characters).`;
	if (NUL.test(value)) return `${label} contains a NUL character; please remove it.`;
	if (BIDI_CONTROLS.test(value)) {
		return `${label} contains invisible direction-changing characters; please type it again without them.`;
	}
	if (ZERO_WIDTH.test(value)) return `${label} contains invisible zero-width characters; please remove them.`;
	if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
		return `${label} contains control characters; please remove them.`;
	}
	const length = [...value.normalize('NFC')].length;
	if (length > max) return `${label} is too long (at most ${max} characters).`;
	if (length < min) return min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`;
	return undefined;
}

function clean(value: string, multiline: boolean): string {
	const trimmed = value.normalize('NFC').trim();
	return multiline ? trimmed.replace(/\r\n?/g, '\n') : trimmed.replace(/\s+/g, ' ');
}

/** A required text field. */
export function text(options: TextOptions) {
	return z.string({ error: `${options.label} is required.` }).transform((raw, ctx) => {
		const value = clean(raw.slice(0, options.max * 2 + 1), options.multiline ?? false);
		const problem = textProblem(value, options);
		if (problem) {
			ctx.addIssue({ code: 'custom', message: problem });
			return z.NEVER;
		}
		return value;
	});
}

/** An optional text field: empty becomes null. */
export function optionalText(options: TextOptions) {
	return z
		.string()
		.optional()
		.transform((raw, ctx) => {
			const value = clean((raw ?? '').slice(0, options.max * 2 + 1), options.multiline ?? false);
			if (value === '') return null;
			const problem = textProblem(value, { ...options, min: 1 });
			if (problem) {
				ctx.addIssue({ code: 'custom', message: problem });
				return z.NEVER;
			}
			return value;
		});
}

export const email = (label = 'E-mail address') =>
	z.string({ error: `${label} is required.` }).transform((raw, ctx) => {
		const value = raw.trim().normalize('NFC').toLowerCase();
		if (value.length === 0) {
			ctx.addIssue({ code: 'custom', message: `${label} is required.` });
			return z.NEVER;
		}
		// Length first (IN5), then a pattern with no nested quantifiers.
		if (value.length > 254 || NUL.test(value) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
			ctx.addIssue({ code: 'custom', message: `Enter an e-mail address such as name@example.org.` });
			return z.NEVER;
		}
		return value;
	});

export const optionalEmail = (label: string) =>
	z
		.string()
		.optional()
		.transform((raw, ctx) => {
			const value = (raw ?? '').trim();
			if (value === '') return null;
			const parsed = email(label).safeParse(value);
			if (!parsed.success) {
				ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'Invalid e-mail address.' });
				return z.NEVER;
			}
			return parsed.data;
		});

/** Passwords are taken byte-exact (AU3): no trimming, no normalisation. */
export const password = (label = 'Password') =>
	z.string({ error: `${label} is required.` }).transform((value, ctx) => {
		if (value.length === 0) {
			ctx.addIssue({ code: 'custom', message: `${label} is required.` });
			return z.NEVER;
		}
		if (value.length > 1024) {
			ctx.addIssue({ code: 'custom', message: `${label} is too long (at most 256 characters).` });
			return z.NEVER;
		}
		if (NUL.test(value)) {
			ctx.addIssue({ code: 'custom', message: `${label} contains a NUL character.` });
			return z.NEVER;
		}
		return value;
	});

export const optionalUrl = (label: string) =>
	z
		.string()
		.optional()
		.transform((raw, ctx) => {
			const value = (raw ?? '').trim();
			if (value === '') return null;
			const problem = textProblem(value, { label, max: 300 });
			if (problem) {
				ctx.addIssue({ code: 'custom', message: problem });
				return z.NEVER;
			}
			const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
			let url: URL;
			try {
				url = new URL(withScheme);
			} catch {
				ctx.addIssue({ code: 'custom', message: `${label} must be a web address such as https://example.org.` });
				return z.NEVER;
			}
			if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
				ctx.addIssue({ code: 'custom', message: `${label} must be a web address such as https://example.org.` });
				return z.NEVER;
			}
			return url.href;
		});
