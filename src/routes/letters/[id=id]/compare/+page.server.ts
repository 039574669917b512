import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { languageNameInInterface } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import { loadLetter } from '$lib/server/letters/access';
import { findRevision } from '$lib/server/letters/revisions';
import { errorPage, requireUser, queryParam } from '$lib/server/http';

export const load = (async (event) => {
	const { user } = requireUser(event);
	let letterId: string;
	try {
		({ letter: { id: letterId } } = await loadLetter(event.params.id, user.id));
	} catch (err) {
		errorPage(err);
	}
	const [from, to] = await Promise.all([
		findRevision(letterId, queryParam(event.url, 'from', 'id') ?? ''),
		findRevision(letterId, queryParam(event.url, 'to', 'id') ?? '')
	]);
	if (!from || !to) error(404, m.letter_compare_not_found());
	const pick = (r: typeof from) => ({ id: r.id, number: r.number, language: r.language, title: r.title, addressees: r.addressees, body: r.body, closing: r.closing });
	return { letter: { id: letterId }, from: pick(from), to: pick(to), languageName: languageNameInInterface(to.language) };
}) satisfies PageServerLoad;
