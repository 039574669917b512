import type { PageServerLoad } from './$types';
import { languageName } from '$lib/validation/letter';
import { loadLetter } from '$lib/server/letters/access';
import { listRevisions } from '$lib/server/letters/revisions';
import { errorPage, requireUser } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const { letter } = await loadLetter(event.params.id, user.id);
		const language = event.url.searchParams.get('lang')?.slice(0, 20) || letter.primaryLanguage;
		const revisions = await listRevisions(letter.id, language);
		return { letter: { id: letter.id }, language, languageName: languageName(language), revisions };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
