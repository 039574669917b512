import type { PageServerLoad } from './$types';
import { loadNeedsYou } from '$lib/server/start/needs-you';
import { formatInZone } from '$lib/server/signing/zoned-time';
import { currentIntlLocale } from '$lib/i18n/locales';

function deadline(at: Date | null, zone: string | null): string | null {
	return at ? formatInZone(at, zone ?? 'UTC', currentIntlLocale()) : null;
}

/** Signed out: the marketing page. Signed in: what waits for me ("Needs you"). */
export const load = (async ({ locals }) => {
	if (!locals.user) return { user: null, needsYou: null };
	const needs = await loadNeedsYou(locals.user);
	return {
		user: { name: locals.user.name, emailVerified: locals.user.emailVerified },
		needsYou: {
			count: needs.count,
			toSign: needs.toSign.map((row) => ({ ...row, deadline: deadline(row.deadlineAt, row.deadlineTimeZone) })),
			toReconfirm: needs.toReconfirm.map((row) => ({ ...row, deadline: deadline(row.deadlineAt, row.deadlineTimeZone) })),
			// An organisation invitation keeps its role's code; the page words it in the reader's language.
			invitations: needs.invitations,
			drafts: needs.drafts.map(({ letterId, title, coalitionName, lastVisit, newRevisions, newComments }) => ({
				letterId,
				title,
				coalitionName,
				firstVisit: lastVisit === null,
				newRevisions,
				newComments
			})),
			approvals: needs.approvals
		}
	};
}) satisfies PageServerLoad;
