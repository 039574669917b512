import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { email, personalMessage } from '$lib/validation/text';
import { rowId } from '$lib/validation/form';
import {
	getCoalitionOverview,
	listCoordinatorCandidates,
	listOwnOrganisationsOutside
} from '$lib/server/coalitions/list-coalitions';
import { addOwnOrganisation } from '$lib/server/coalitions/add-own-organisation';
import { removeOrganisation } from '$lib/server/coalitions/remove-organisation';
import { setMemberFlags } from '$lib/server/coalitions/set-member-flags';
import { addCoordinator } from '$lib/server/coalitions/add-coordinator';
import { removeCoordinator } from '$lib/server/coalitions/remove-coordinator';
import { inviteOrganisation } from '$lib/server/coalitions/invite-organisation';
import { listPendingCoalitionInvitations } from '$lib/server/coalitions/list-pending-coalition-invitations';
import { revokeCoalitionInvitation } from '$lib/server/coalitions/revoke-coalition-invitation';
import { countryName } from '$lib/server/organisations/countries';
import { currentIntlLocale } from '$lib/i18n/locales';
import { errorPage, requireUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';
import { listLookAlikeMemberNames } from '$lib/server/organisations/name-skeleton';

const inviteForm = z.object({ email: email(), message: personalMessage() });
const organisationForm = z.object({ organisationId: rowId });
const flagsForm = z.object({ organisationId: rowId, flag: z.enum(['verify', 'unverify', 'initiator', 'notInitiator']) });
const personForm = z.object({ userId: rowId });

export const load = (async (event) => {
	const { user } = requireUser(event);
	try {
		const overview = await getCoalitionOverview(event.params.id, user);
		const { isCoordinator } = overview.access;
		// SE7: with no acting coordinator, any owner of a member organisation may appoint one.
		const mayAppoint = isCoordinator || (overview.coordinators.length === 0 && overview.access.memberRoles.some((r) => r.role === 'owner'));
		return {
			coalition: overview.access.coalition,
			isCoordinator,
			mayAppoint,
			members: overview.members.map((member) => ({ ...member, countryName: countryName(member.country, currentIntlLocale()) })),
			coordinators: overview.coordinators,
			letters: overview.letters,
			me: user.id,
			invitations: isCoordinator ? await listPendingCoalitionInvitations(event.params.id) : [],
			candidates: mayAppoint ? await listCoordinatorCandidates(event.params.id) : [],
			ownOrganisations: isCoordinator ? await listOwnOrganisationsOutside(event.params.id, user.id) : [],
			nameClashes: isCoordinator ? await listLookAlikeMemberNames(event.params.id) : [] // IN3
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	invite: formAction('invite', inviteForm, async ({ user, data, event }) => {
		const { id } = await inviteOrganisation({ actor: user, coalitionId: event.params.id, ...data, origin: linkOrigin(event.url) });
		done(event, 'invited', { id });
	}),
	revoke: formAction('invite', z.object({ invitationId: rowId }), async ({ user, data, event }) => {
		await revokeCoalitionInvitation({ actor: user, coalitionId: event.params.id, ...data });
		done(event, 'invitationWithdrawn');
	}, { get invalid() { return m.coal_choose_invitation(); } }),
	addOrganisation: formAction('members', organisationForm, async ({ user, data, event }) => {
		await addOwnOrganisation({ actor: user, coalitionId: event.params.id, ...data });
		done(event, 'organisationAdded');
	}, { get invalid() { return m.coal_choose_organisation(); } }),
	removeOrganisation: formAction('members', organisationForm, async ({ user, data, event }) => {
		await removeOrganisation({ actor: user, coalitionId: event.params.id, ...data });
		done(event, 'organisationRemoved');
	}, { get invalid() { return m.coal_choose_organisation(); }, confirm: true }),
	flags: formAction('members', flagsForm, async ({ user, data: { organisationId, flag }, event }) => {
		const change = flag === 'verify' || flag === 'unverify' ? { verified: flag === 'verify' } : { initiator: flag === 'initiator' };
		await setMemberFlags({ actor: user, coalitionId: event.params.id, organisationId, ...change });
		done(event, 'flagsSaved');
	}, { get invalid() { return m.coal_choose_organisation(); } }),
	addCoordinator: formAction('coordinators', personForm, async ({ user, data, event }) => {
		await addCoordinator({ actor: user, coalitionId: event.params.id, ...data });
		done(event, 'coordinatorAdded');
	}, { get invalid() { return m.coal_choose_person(); } }),
	removeCoordinator: formAction('coordinators', personForm, async ({ user, data, event }) => {
		await removeCoordinator({ actor: user, coalitionId: event.params.id, ...data });
		done(event, 'coordinatorRemoved');
	}, { get invalid() { return m.coal_choose_person(); }, confirm: true })
} satisfies Actions;
