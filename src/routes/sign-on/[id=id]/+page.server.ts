import type { PageServerLoad } from './$types';
import { languageName } from '$lib/validation/letter';
import { getPublicSignOnPage } from '$lib/server/signing/public-sign-on-page';
import { errorPage, queryParam } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

export const load = (async (event) => {
	try {
		const page = await getPublicSignOnPage({ letterId: event.params.id, language: queryParam(event.url, 'lang', 'language') });
		const signPath = `/letters/${page.letter.id}/sign`;
		return {
			letterId: page.letter.id,
			coalitionName: page.coalitionName,
			url: `${linkOrigin(event.url)}/sign-on/${page.letter.id}`,
			revision: { language: page.revision.language, title: page.revision.title, addressees: page.revision.addressees, closing: page.revision.closing },
			safeBodyHtml: page.bodyHtml,
			languages: page.languages.map((code) => ({ code, name: languageName(code) })),
			signatureCount: page.signatureCount,
			deadline: page.deadline,
			deadlinePassed: page.deadlinePassed,
			signedIn: event.locals.user !== null,
			// Signed out: sign-up (or sign-in) carries the way back to the sign page's "Ask to sign on".
			signPath,
			signUpUrl: `/sign-up?${new URLSearchParams({ redirectTo: signPath })}`,
			signInUrl: `/sign-in?${new URLSearchParams({ redirectTo: signPath })}`
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
