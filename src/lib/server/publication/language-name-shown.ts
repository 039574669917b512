import { getLocale } from '$lib/paraglide/runtime.js';
import { intlLocale } from '$lib/i18n/locales';
import { languageName } from '$lib/validation/letter';

/**
 * A letter's language named in the page's language ("Swedish", "шведский"), for the
 * coordinators' pages. Through languageName, so English keeps its own wording for
 * the traditional Mongolian script.
 */
export function languageNameShown(code: string): string {
	return languageName(code, intlLocale(getLocale()));
}
