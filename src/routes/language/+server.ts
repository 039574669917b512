import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { setLocaleCookie } from '$lib/server/i18n/request-locale';
import { saveLocalePreference } from '$lib/server/auth/save-locale-preference';
import { safeRedirect } from '$lib/server/links';

/**
 * The language switcher's form (issue 14, point 3), posted without JavaScript too. The
 * choice goes into a cookie, and onto the account of a signed-in person, so mail and
 * other devices follow it. SvelteKit's CSRF check refuses cross-site posts here as on
 * every form; the way back is checked by safeRedirect (AU9).
 */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData().catch(() => null);
	const locale = form?.get('locale');
	const back = safeRedirect(form?.get('redirectTo'));
	if (typeof locale === 'string' && isLocale(locale)) {
		setLocaleCookie(cookies, locale, url.protocol === 'https:');
		if (locals.user) await saveLocalePreference(locals.user.id, locale);
	}
	redirect(303, back);
};
