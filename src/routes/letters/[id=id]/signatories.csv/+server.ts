import type { RequestHandler } from './$types';
import { getSignatoryList } from '$lib/server/signatory-lists/get-signatory-list';
import { signatoriesToCsv } from '$lib/server/signatory-lists/signatories-to-csv';
import { errorPage } from '$lib/server/http';

/** The signatory list as CSV (PR1: signer names only where made public). */
export const GET: RequestHandler = async (event) => {
	let list;
	try {
		list = await getSignatoryList({ letterId: event.params.id, actor: event.locals.user });
	} catch (err) {
		errorPage(err);
	}
	return new Response(signatoriesToCsv(list.entries, list.language), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="signatories-${list.letter.id}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
