import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { role } from '$lib/validation/organisation';
import { email, personalMessage } from '$lib/validation/text';
import { emptyForm, rowId } from '$lib/validation/form';
import { loadOrganisationForMember } from '$lib/server/organisations/access';
import { listMembers } from '$lib/server/organisations/list-organisations';
import { changeMemberRole } from '$lib/server/organisations/change-member-role';
import { removeMember } from '$lib/server/organisations/remove-member';
import { inviteMember } from '$lib/server/organisations/invite-member';
import { listPendingInvitations } from '$lib/server/organisations/list-pending-invitations';
import { revokeInvitation } from '$lib/server/organisations/revoke-invitation';
import { countryName } from '$lib/server/organisations/countries';
import { currentIntlLocale } from '$lib/i18n/locales';
import { errorPage, requireUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';

const inviteForm = z.object({ email: email(), role, message: personalMessage() });
const memberForm = z.object({ userId: rowId });
const roleForm = memberForm.extend({ role });
const invitationForm = z.object({ invitationId: rowId });

export const load = (async (event) => {
	const { user } = requireUser(event);
	const organisationId = event.params.id;
	try {
		const { organisation, role } = await loadOrganisationForMember(organisationId, user.id);
		const members = await listMembers({ organisationId, actor: user });
		const invitations = role === 'owner' ? await listPendingInvitations({ organisationId, actor: user }) : [];
		return {
			organisation: { ...organisation, countryName: countryName(organisation.country, currentIntlLocale()) },
			role,
			me: user.id,
			members,
			invitations,
			created: event.url.searchParams.has('created'),
			welcome: event.url.searchParams.has('welcome')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	invite: formAction('invite', inviteForm, async ({ user, data, event }) => {
		const { id } = await inviteMember({ actor: user, organisationId: event.params.id, ...data, origin: linkOrigin(event.url) });
		done(event, 'invited', { id });
	}),
	role: formAction('members', roleForm, async ({ user, data, event }) => {
		await changeMemberRole({ actor: user, organisationId: event.params.id, ...data, origin: linkOrigin(event.url) });
		done(event, 'roleChanged');
	}, { get invalid() { return m.coal_choose_role(); } }),
	remove: formAction('members', memberForm, async ({ user, data, event }) => {
		await removeMember({ actor: user, organisationId: event.params.id, userId: data.userId, origin: linkOrigin(event.url) });
		done(event, 'memberRemoved');
	}, { get invalid() { return m.coal_choose_member(); }, confirm: true }),
	leave: formAction('leave', emptyForm, async ({ user, event }) => {
		await removeMember({ actor: user, organisationId: event.params.id, userId: user.id, origin: linkOrigin(event.url) });
		redirect(303, '/organisations');
	}, { auth: 'user' }),
	revoke: formAction('invite', invitationForm, async ({ user, data, event }) => {
		await revokeInvitation({ actor: user, organisationId: event.params.id, invitationId: data.invitationId });
		done(event, 'invitationWithdrawn');
	}, { get invalid() { return m.coal_choose_invitation(); } })
} satisfies Actions;
