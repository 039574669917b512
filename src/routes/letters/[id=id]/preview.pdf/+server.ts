import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { renderLetterPreview } from '$lib/server/publication/render-letter-preview';
import { contentDisposition, previewFilename } from '$lib/server/publication/content-disposition';
import { errorPage, queryParam, requireUser } from '$lib/server/http';

/** The letter as it would print now, marked as a preview (issue 13); for those who may read its draft. */
export const GET: RequestHandler = async (event) => {
	const { user } = requireUser(event);
	const language = queryParam(event.url, 'lang', 'language');
	// IN1: a `lang` that is there but malformed is refused, not quietly read as the primary language.
	if (event.url.searchParams.has('lang') && !language) error(400, 'Unknown language.');
	let preview;
	try {
		preview = await renderLetterPreview({ actor: user, letterId: event.params.id, language });
	} catch (err) {
		errorPage(err);
	}
	return new Response(new Uint8Array(preview.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(preview.pdf.length),
			'content-disposition': contentDisposition(previewFilename(preview.title, preview.language), 'inline'),
			// A preview is of this moment: the text and the list change until publication.
			'cache-control': 'private, no-store'
		}
	});
};
