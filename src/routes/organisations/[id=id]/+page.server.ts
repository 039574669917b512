import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { role } from '$lib/validation/organisation';
import { email } from '$lib/validation/text';
import { parseForm } from '$lib/validation/form';
import { loadOrganisationForMember } from '$lib/server/organisations/access';
import { listMembers } from '$lib/server/organisations/list-organisations';
import { changeMemberRole, removeMember } from '$lib/server/organisations/members';
import { inviteMember, listPendingInvitations, revokeInvitation } from '$lib/server/organisations/invitations';
import { countryName } from '$lib/server/organisations/countries';
import { errorPage, failForm, requireUser, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

const inviteForm = z.object({ email: email(), role });
const memberForm = z.object({ userId: z.string().min(1).max(64) });
const roleForm = memberForm.extend({ role });
const invitationForm = z.object({ invitationId: z.string().min(1).max(64) });

export const load = (async (event) => {
	const { user } = requireUser(event);
	const organisationId = event.params.id;
	try {
		const { organisation, role } = await loadOrganisationForMember(organisationId, user.id);
		const members = await listMembers({ organisationId, actor: user });
		const invitations = role === 'owner' ? await listPendingInvitations({ organisationId, actor: user }) : [];
		return {
			organisation: { ...organisation, countryName: countryName(organisation.country) },
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
	invite: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(inviteForm, form);
		if (!parsed.ok) return fail(400, { form: 'invite', errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await inviteMember({ actor: user, organisationId: event.params.id, ...parsed.data, origin: linkOrigin(event.url) });
		} catch (err) {
			return failForm(err, form, { form: 'invite' });
		}
		return { form: 'invite', done: `Invitation sent to ${parsed.data.email}.` };
	},
	role: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(roleForm, form);
		if (!parsed.ok) return fail(400, { form: 'members', errors: parsed.errors, values: {}, message: 'Choose a role.' });
		try {
			await changeMemberRole({ actor: user, organisationId: event.params.id, ...parsed.data });
		} catch (err) {
			return failForm(err, undefined, { form: 'members' });
		}
		return { form: 'members', done: 'The role was changed.' };
	},
	remove: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(memberForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'members', errors: parsed.errors, values: {}, message: 'Choose a member.' });
		try {
			await removeMember({ actor: user, organisationId: event.params.id, userId: parsed.data.userId });
		} catch (err) {
			return failForm(err, undefined, { form: 'members' });
		}
		return { form: 'members', done: 'The member was removed.' };
	},
	leave: async (event) => {
		const { user } = requireUser(event);
		try {
			await removeMember({ actor: user, organisationId: event.params.id, userId: user.id });
		} catch (err) {
			return failForm(err, undefined, { form: 'leave' });
		}
		redirect(303, '/organisations');
	},
	revoke: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(invitationForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'invite', errors: parsed.errors, values: {}, message: 'Choose an invitation.' });
		try {
			await revokeInvitation({ actor: user, organisationId: event.params.id, invitationId: parsed.data.invitationId });
		} catch (err) {
			return failForm(err, undefined, { form: 'invite' });
		}
		return { form: 'invite', done: 'The invitation was withdrawn.' };
	}
} satisfies Actions;
