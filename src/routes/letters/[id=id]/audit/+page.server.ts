import type { PageServerLoad } from './$types';
import { loadLetterFor } from '$lib/server/letters/access';
import { listAuditTrail } from '$lib/server/audit/audit-trail-view';
import { verifyAuditChain } from '$lib/server/audit/verify-audit-chain';
import { errorPage, requireVerifiedUser } from '$lib/server/http';

/** Coordinators see the letter's timeline (with its coalition's events) and whether both chains verify. */
export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		const [events, letterChain, coalitionChain] = await Promise.all([
			listAuditTrail(letter, user.id),
			verifyAuditChain(letter.id),
			verifyAuditChain(letter.coalitionId)
		]);
		return {
			letter: { id: letter.id },
			events,
			chains: [
				{ name: 'letter' as const, result: letterChain },
				{ name: 'coalition' as const, result: coalitionChain }
			]
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
