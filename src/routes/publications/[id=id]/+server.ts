import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { letters } from '$lib/server/db/schema';
import { loadPublication } from '$lib/server/publication/editions';
import { contentDisposition, publicationFilename } from '$lib/server/publication/content-disposition';
import { loadCoalitionForMember } from '$lib/server/coalitions/access';

/**
 * A published PDF, byte for byte as stored. Public letters' PDFs are for everyone;
 * others only for the coalition (recipients get theirs by mail).
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const row = await loadPublication(params.id);
	if (!row) error(404, m.pub_not_found());
	const [letter] = await db().select({ visibility: letters.visibility, coalitionId: letters.coalitionId }).from(letters).where(eq(letters.id, row.letterId));
	if (!letter) error(404, m.pub_not_found());
	if (letter.visibility !== 'public') {
		const member = locals.user ? await loadCoalitionForMember(letter.coalitionId, locals.user.id).catch(() => null) : null;
		if (!member) error(404, m.pub_not_found());
	}
	const { publication } = row;
	return new Response(new Uint8Array(publication.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(publication.size),
			'content-disposition': contentDisposition(publicationFilename(publication.title, publication.language, row.editionNumber)),
			'cache-control': letter.visibility === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store',
			etag: `"${publication.sha256}"`
		}
	});
};
