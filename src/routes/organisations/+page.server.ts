import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/http';
import { listMyOrganisations } from '$lib/server/organisations/list-organisations';
import { countryName } from '$lib/server/organisations/countries';
import { acceptInvitation } from '$lib/server/organisations/accept-invitation';
import { acceptCoalitionInvitation } from '$lib/server/coalitions/accept-coalition-invitation';
import { acceptSigningInvitation } from '$lib/server/signing/accept-signing-invitation';
import { listWaitingInvitations } from '$lib/server/start/waiting-invitations';
import { isCoordinatorRole } from '$lib/server/coalitions/access';
import { formAction } from '$lib/server/form-action';
import { rowId } from '$lib/validation/form';
import { roleLabel } from '$lib/components/role-labels';
import { currentIntlLocale } from '$lib/i18n/locales';
import { ROLES, type Role } from '$lib/validation/organisation';

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

export const load = (async (event) => {
	const { user } = requireUser(event);
	const [organisations, invitations] = await Promise.all([listMyOrganisations(user.id), listWaitingInvitations(user)]);
	const choice = ({ id, displayName }: { id: string; displayName: string }) => ({ id, displayName });
	return {
		emailVerified: user.emailVerified,
		confirmed: event.url.searchParams.has('confirmed'),
		organisations: organisations.map((o) => ({ ...o, countryName: countryName(o.country, currentIntlLocale()) })),
		invitations: invitations.map((row) => (row.kind === 'organisation' ? { ...row, role: isRole(row.role) ? roleLabel(row.role) : row.role } : row)),
		// A coalition invitation is answered by an owner, a signing one by an owner or signatory.
		owned: organisations.filter((o) => o.role === 'owner').map(choice),
		signing: organisations.filter((o) => isCoordinatorRole(o.role)).map(choice)
	};
}) satisfies PageServerLoad;

const invitationForm = z.object({ invitationId: rowId });
const answerForm = invitationForm.extend({ organisationId: rowId });

/**
 * Invitations answered from the list of those waiting for my confirmed address: the
 * same commands as the mailed links, found by id; AU11's address check decides.
 */
export const actions = {
	acceptOrganisation: formAction('invitation', invitationForm, async ({ user, data }) => {
		const { organisationId } = await acceptInvitation({ token: { id: data.invitationId }, actor: user });
		redirect(303, `/organisations/${organisationId}?welcome=1`);
	}, { get invalid() { return m.coal_choose_invitation(); } }),
	acceptCoalition: formAction('invitation', answerForm, async ({ user, data }) => {
		const { coalitionId } = await acceptCoalitionInvitation({ token: { id: data.invitationId }, actor: user, organisationId: data.organisationId });
		redirect(303, `/coalitions/${coalitionId}`);
	}, { get invalid() { return m.coal_choose_organisation_that_joins(); } }),
	acceptSigning: formAction('invitation', answerForm, async ({ user, data }) => {
		const { letterId } = await acceptSigningInvitation({ token: { id: data.invitationId }, actor: user, organisationId: data.organisationId });
		redirect(303, `/letters/${letterId}/sign`);
	}, { get invalid() { return m.coal_choose_organisation_that_answers(); } })
} satisfies Actions;
