import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { email, optionalText } from '$lib/validation/text';
import { parseForm } from '$lib/validation/form';
import {
	getCoalitionOverview,
	listCoordinatorCandidates,
	listOwnOrganisationsOutside
} from '$lib/server/coalitions/list-coalitions';
import { addOwnOrganisation, removeOrganisation, setMemberFlags } from '$lib/server/coalitions/members';
import { addCoordinator, removeCoordinator } from '$lib/server/coalitions/coordinators';
import {
	inviteOrganisation,
	listPendingCoalitionInvitations,
	revokeCoalitionInvitation
} from '$lib/server/coalitions/invitations';
import { countryName } from '$lib/server/organisations/countries';
import { errorPage, failForm, requireUser, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

const id = z.string().min(1).max(64);
const inviteForm = z.object({ email: email(), message: optionalText({ label: 'Message', max: 1000, multiline: true }) });

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const overview = await getCoalitionOverview(event.params.id, user);
		const { isCoordinator } = overview.access;
		return {
			coalition: overview.access.coalition,
			isCoordinator,
			members: overview.members.map((m) => ({ ...m, countryName: countryName(m.country) })),
			coordinators: overview.coordinators,
			letters: overview.letters,
			me: user.id,
			invitations: isCoordinator ? await listPendingCoalitionInvitations(event.params.id) : [],
			candidates: isCoordinator ? await listCoordinatorCandidates(event.params.id) : [],
			ownOrganisations: isCoordinator ? await listOwnOrganisationsOutside(event.params.id, user.id) : []
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

/** Runs one coordinator action and answers on the form it came from. */
async function run(formName: string, action: () => Promise<unknown>, done: string, form?: FormData) {
	try {
		await action();
	} catch (err) {
		return failForm(err, form, { form: formName });
	}
	return { form: formName, done };
}

export const actions = {
	invite: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(inviteForm, form);
		if (!parsed.ok) return fail(400, { form: 'invite', errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		const origin = linkOrigin(event.url);
		return run('invite', () => inviteOrganisation({ actor: user, coalitionId: event.params.id, ...parsed.data, origin }), `Invitation sent to ${parsed.data.email}.`, form);
	},
	revoke: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ invitationId: id }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'invite', errors: {}, values: {}, message: 'Choose an invitation.' });
		return run('invite', () => revokeCoalitionInvitation({ actor: user, coalitionId: event.params.id, ...parsed.data }), 'The invitation was withdrawn.');
	},
	addOrganisation: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ organisationId: id }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'members', errors: {}, values: {}, message: 'Choose an organisation.' });
		return run('members', () => addOwnOrganisation({ actor: user, coalitionId: event.params.id, ...parsed.data }), 'The organisation joined the coalition.');
	},
	removeOrganisation: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ organisationId: id }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'members', errors: {}, values: {}, message: 'Choose an organisation.' });
		return run('members', () => removeOrganisation({ actor: user, coalitionId: event.params.id, ...parsed.data }), 'The organisation was removed.');
	},
	flags: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ organisationId: id, flag: z.enum(['verify', 'unverify', 'initiator', 'notInitiator']) }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'members', errors: {}, values: {}, message: 'Choose an organisation.' });
		const { organisationId, flag } = parsed.data;
		const change = flag === 'verify' || flag === 'unverify' ? { verified: flag === 'verify' } : { initiator: flag === 'initiator' };
		return run('members', () => setMemberFlags({ actor: user, coalitionId: event.params.id, organisationId, ...change }), 'Saved.');
	},
	addCoordinator: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ userId: id }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'coordinators', errors: {}, values: {}, message: 'Choose a person.' });
		return run('coordinators', () => addCoordinator({ actor: user, coalitionId: event.params.id, ...parsed.data }), 'The coordinator was added.');
	},
	removeCoordinator: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ userId: id }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'coordinators', errors: {}, values: {}, message: 'Choose a person.' });
		return run('coordinators', () => removeCoordinator({ actor: user, coalitionId: event.params.id, ...parsed.data }), 'The coordinator was removed.');
	}
} satisfies Actions;
