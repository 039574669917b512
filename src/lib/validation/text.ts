import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { findInvisibleCharacter } from './invisible-characters';
import { shownCount } from './zod-messages';

/*
 * IN1, IN2, IN5: every text field is length-checked first (before any regular
 * expression runs), then refused if it holds characters that could corrupt storage
 * or spoof how a name reads, then NFC-normalised. The patterns are single character
 * classes, so they cannot backtrack.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NUL = /\u0000/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
// C0 and C1 controls other than tab and line breaks (single-line fields turn
// those into spaces; multi-line fields keep the line breaks).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * A field's name as its messages show it. A function, so the name is read when a value is
 * refused, in the reader's language (`() => m.val_label_name()`); a string stays as given.
 */
export type Label = string | (() => string);

export const labelText = (label: Label): string => (typeof label === 'function' ? label() : label);

export interface TextOptions {
	label: Label;
	max: number;
	min?: number;
	multiline?: boolean;
}

/** NFC, trimmed; single-line fields collapse runs of white space. */
function clean(value: string, multiline: boolean): string {
	const trimmed = value.normalize('NFC').trim();
	return multiline ? trimmed.replace(/\r\n?/g, '\n') : trimmed.replace(/\s+/g, ' ');
}

/** Refuses characters that corrupt storage or spoof how text reads. */
function characterProblem(value: string, label: Label): string | undefined {
	if (NUL.test(value)) return m.val_text_nul({ label: labelText(label) });
	if (BIDI_CONTROLS.test(value)) return m.val_text_direction_controls({ label: labelText(label) });
	if (CONTROL.test(value)) return m.val_text_control_characters({ label: labelText(label) });
	// Invisible characters, allowed only where a script's spelling needs them (issue 12).
	const invisible = findInvisibleCharacter(value);
	if (invisible) {
		return m.val_text_invisible_character({ label: labelText(label), codePoint: invisible.codePoint, position: shownCount(invisible.position + 1) });
	}
	return undefined;
}

const tooLong = (label: Label, max: number) => m.val_text_too_long({ label: labelText(label), count: max, shown: shownCount(max) });

/** Returns the problem with a piece of text, or undefined if it is acceptable. */
export function textProblem(value: string, { label, max, min = 1, multiline = false }: TextOptions): string | undefined {
	if (value.length > max * 2) return tooLong(label, max);
	const problem = characterProblem(value, label);
	if (problem) return problem;
	const length = [...clean(value, multiline)].length;
	if (length > max) return tooLong(label, max);
	if (length < min) {
		return min === 1 ? m.val_text_required({ label: labelText(label) }) : m.val_text_too_short({ label: labelText(label), count: min, shown: shownCount(min) });
	}
	return undefined;
}

/** A required text field. */
export function text(options: TextOptions) {
	return z.string({ error: () => m.val_text_required({ label: labelText(options.label) }) }).transform((raw, ctx) => {
		const input = raw.slice(0, options.max * 2 + 1);
		const problem = textProblem(input, options);
		if (problem) {
			ctx.addIssue({ code: 'custom', message: problem });
			return z.NEVER;
		}
		return clean(input, options.multiline ?? false);
	});
}

/** An optional text field: empty becomes null. */
export function optionalText(options: TextOptions) {
	return z
		.string()
		.optional()
		.transform((raw, ctx) => {
			const input = (raw ?? '').slice(0, options.max * 2 + 1);
			const value = clean(input, options.multiline ?? false);
			if (value === '' && !/[\u200B-\u200D\u2060\uFEFF]/.test(input)) return null;
			const problem = textProblem(input, { ...options, min: 1 });
			if (problem) {
				ctx.addIssue({ code: 'custom', message: problem });
				return z.NEVER;
			}
			return value;
		});
}

/**
 * Issue 13 point 10: the inviter's own words sent with an invitation or a reminder.
 * Plain text, kept only inside the mail that carries it.
 */
export const personalMessage = () => optionalText({ label: () => m.val_label_personal_message(), max: 1000, multiline: true });

export const email = (label: Label = () => m.val_label_email()) =>
	z.string({ error: () => m.val_text_required({ label: labelText(label) }) }).transform((raw, ctx) => {
		const value = raw.trim().normalize('NFC').toLowerCase();
		if (value.length === 0) {
			ctx.addIssue({ code: 'custom', message: m.val_text_required({ label: labelText(label) }) });
			return z.NEVER;
		}
		// Length first (IN5), then a pattern with no nested quantifiers.
		if (value.length > 254 || NUL.test(value) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
			ctx.addIssue({ code: 'custom', message: m.val_email_invalid() });
			return z.NEVER;
		}
		return value;
	});

export const optionalEmail = (label: Label) =>
	z
		.string()
		.optional()
		.transform((raw, ctx) => {
			const value = (raw ?? '').trim();
			if (value === '') return null;
			const parsed = email(label).safeParse(value);
			if (!parsed.success) {
				ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? m.val_email_invalid() });
				return z.NEVER;
			}
			return parsed.data;
		});

/** Passwords are taken byte-exact (AU3): no trimming, no normalisation. */
export const password = (label: Label = () => m.val_label_password()) =>
	z.string({ error: () => m.val_text_required({ label: labelText(label) }) }).transform((value, ctx) => {
		if (value.length === 0) {
			ctx.addIssue({ code: 'custom', message: m.val_text_required({ label: labelText(label) }) });
			return z.NEVER;
		}
		if (value.length > 1024) {
			ctx.addIssue({ code: 'custom', message: m.val_password_field_too_long({ label: labelText(label) }) });
			return z.NEVER;
		}
		if (NUL.test(value)) {
			ctx.addIssue({ code: 'custom', message: m.val_password_nul({ label: labelText(label) }) });
			return z.NEVER;
		}
		return value;
	});

export const optionalUrl = (label: Label) =>
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
				ctx.addIssue({ code: 'custom', message: m.val_url_invalid({ label: labelText(label) }) });
				return z.NEVER;
			}
			if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
				ctx.addIssue({ code: 'custom', message: m.val_url_invalid({ label: labelText(label) }) });
				return z.NEVER;
			}
			return url.href;
		});
