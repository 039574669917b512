import { getLocale } from '$lib/paraglide/runtime.js';
import { baseLocale, intlLocale, isLocale, toInterfaceLocale, type Locale } from '$lib/i18n/locales';

/*
 * Issue 14, point 6: a mail is written in its reader's language. Mail is rendered when
 * it is queued (the outbox stores it finished), so the language is chosen there.
 */

/**
 * A person's saved choice (users.locale), else `fallback`: English unless the caller
 * knows better. Mail about a letter (signing invitations and reminders, approval
 * requests) falls back to the letter's language: a member of a Mongolian coalition
 * who never chose a language reads a Mongolian letter's invitation in Mongolian.
 */
export function readerLocale(saved: string | null | undefined, fallback: Locale = baseLocale): Locale {
	return saved && isLocale(saved) ? saved : fallback;
}

/** The language of the request that causes the mail (hooks run each request in it); English outside one. */
export function currentRequestLocale(): Locale {
	return getLocale();
}

/**
 * For mail a person caused themselves (a password reset, a confirmation, a receipt for
 * their own signature): their saved choice, else the language of the request that asked.
 */
export function ownRequestLocale(saved: string | null | undefined): Locale {
	return readerLocale(saved, currentRequestLocale());
}

/** A letter's or recipient's language tag as a mail language; English when we have no interface in it. */
export function localeOfLanguage(tag: string | null | undefined): Locale {
	return (tag && toInterfaceLocale(tag)) || baseLocale;
}

/** The Intl tag for dates and numbers in a mail (British English for English, as the product writes it). */
export function mailIntlLocale(locale: Locale): string {
	return locale === 'en' ? 'en-GB' : intlLocale(locale);
}
