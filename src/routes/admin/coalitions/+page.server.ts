import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { rowId } from '$lib/validation/form';
import { done, formAction } from '$lib/server/form-action';
import { requireInstanceAdmin } from '$lib/server/admin/instance-admins';
import { listCoalitionsForAdmin } from '$lib/server/admin/list-coalitions-for-admin';
import { setSendingLimitsLifted } from '$lib/server/coalitions/lift-sending-limits';
import { settings } from '$lib/server/env';
import { AppError } from '$lib/server/errors';

/** AV6: instance administrators see every coalition's sending status; everyone else gets 404. */
export const load = (async ({ locals }) => {
	await requireInstanceAdmin(locals.user);
	return { coalitions: await listCoalitionsForAdmin(), limits: settings().sendingLimits };
}) satisfies PageServerLoad;

const coalitionForm = z.object({ coalitionId: rowId });

/** Signed out, or signed in without being an administrator: the same 404 as the page (no sign-in redirect that would reveal it). */
function administrator(user: { id: string } | null): { id: string } {
	if (!user) throw new AppError('not_found', m.coal_not_found());
	return user;
}

export const actions = {
	lift: formAction('lift', coalitionForm, async ({ user, data, event }) => {
		await setSendingLimitsLifted({ actor: administrator(user), coalitionId: data.coalitionId, lifted: true });
		done(event, 'lifted', { id: data.coalitionId });
	}, { auth: 'anyone', get invalid() { return m.coal_choose_coalition(); } }),
	restore: formAction('restore', coalitionForm, async ({ user, data, event }) => {
		await setSendingLimitsLifted({ actor: administrator(user), coalitionId: data.coalitionId, lifted: false });
		done(event, 'restored', { id: data.coalitionId });
	}, { auth: 'anyone', get invalid() { return m.coal_choose_coalition(); } })
} satisfies Actions;
