/*
 * Issue 14: every message a form shows is in the reader's language. Our schemas give
 * their own messages; zod's built-in ones (a missing field, a limit without a message
 * of its own) would otherwise reach people in English, so they are replaced here, for
 * every schema, on the server and in the browser. The map runs when a value is
 * refused, so each message is in the language of the request (or page) at that moment.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { currentIntlLocale } from '$lib/i18n/locales';

/** A count as a message shows it: the interface's digits, without grouping ("1000", "۱۰۰۰"). */
export function shownCount(value: number): string {
	return new Intl.NumberFormat(currentIntlLocale(), { useGrouping: false }).format(value);
}

/** A length limit with the interface's digits and grouping ("100,000", "۱۰۰٬۰۰۰"). */
export function shownLimit(value: number): string {
	return new Intl.NumberFormat(currentIntlLocale()).format(value);
}

/** zod's own message for an issue, in the reader's language. */
export const zodMessage: z.core.$ZodErrorMap = (issue) => {
	if (issue.code === 'invalid_type' && issue.input === undefined) return m.val_field_required();
	if (issue.code === 'too_big' && issue.origin === 'string') {
		const count = Number(issue.maximum);
		return m.val_field_too_long({ count, shown: shownCount(count) });
	}
	if (issue.code === 'too_small' && issue.origin === 'string') {
		const count = Number(issue.minimum);
		if (count <= 1) return m.val_field_required();
		return m.val_field_too_short({ count, shown: shownCount(count) });
	}
	if (issue.code === 'invalid_value') return m.val_choose_from_list();
	return m.val_field_invalid();
};

z.config({ customError: zodMessage });
