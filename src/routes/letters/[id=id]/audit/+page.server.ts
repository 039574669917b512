import type { PageServerLoad } from './$types';
import { inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { loadLetterFor } from '$lib/server/letters/access';
import { listAuditEvents } from '$lib/server/audit/list-audit-events';
import { verifyAuditChain } from '$lib/server/audit/verify-audit-chain';
import { errorPage, requireVerifiedUser } from '$lib/server/http';

/** Coordinators see the letter's timeline (with its coalition's events) and whether both chains verify. */
export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		const [events, letterChain, coalitionChain] = await Promise.all([
			listAuditEvents([letter.id, letter.coalitionId]),
			verifyAuditChain(letter.id),
			verifyAuditChain(letter.coalitionId)
		]);
		const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
		const names = actorIds.length ? await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [];
		const nameOf = new Map(names.map((n) => [n.id, n.name]));
		return {
			letter: { id: letter.id },
			events: events.map((e) => ({
				chain: e.chainId === letter.id ? 'letter' : 'coalition',
				seq: e.seq,
				type: e.type,
				actor: e.actorId ? (nameOf.get(e.actorId) ?? 'a former member') : 'the system',
				createdAt: e.createdAt,
				hash: e.hash,
				data: JSON.stringify(e.data)
			})),
			chains: [
				{ name: 'Letter', result: letterChain },
				{ name: 'Coalition', result: coalitionChain }
			]
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;
