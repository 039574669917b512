import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { loadSealCertificate } from '$lib/server/seal/record-seal-certificate';

/** A seal certificate of this instance with its chain, PEM: public, like any certificate. */
export const GET: RequestHandler = async ({ params }) => {
	const certificate = await loadSealCertificate(params.sha256);
	if (!certificate) error(404, m.pub_not_found());
	return new Response(certificate.chainPem, {
		headers: {
			'content-type': 'application/x-pem-file',
			'content-disposition': `attachment; filename="undersigned-seal-${certificate.sha256.slice(0, 16)}.pem"`,
			'cache-control': 'public, max-age=86400'
		}
	});
};
