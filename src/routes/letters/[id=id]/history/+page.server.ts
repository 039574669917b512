import type { PageServerLoad } from './$types';
import { languageNameInInterface } from '$lib/i18n/locales';
import { loadLetter } from '$lib/server/letters/access';
import { listRevisions } from '$lib/server/letters/revisions';
import { errorPage, requireUser, queryParam } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const { letter, can } = await loadLetter(event.params.id, user.id);
		const language = queryParam(event.url, 'lang', 'language') ?? letter.primaryLanguage;
		const revisions = await listRevisions(letter.id, language);
		return { letter: { id: letter.id }, language, languageName: languageNameInInterface(language), revisions, mayRestore: can.edit && letter.state === 'draft' };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
