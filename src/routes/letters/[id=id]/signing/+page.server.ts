import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { email, personalMessage } from '$lib/validation/text';
import { excludeForm, openSigningForm } from '$lib/validation/signing';
import { emptyForm, rowId } from '$lib/validation/form';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { amendSigningText } from '$lib/server/signing/amend-signing-text';
import { closeSigning } from '$lib/server/signing/close-signing';
import { openSigning } from '$lib/server/signing/open-signing';
import { reopenSigning } from '$lib/server/signing/reopen-signing';
import { inviteMemberOrganisations } from '$lib/server/signing/invite-member-organisations';
import { inviteToSignByEmail } from '$lib/server/signing/invite-to-sign-by-email';
import { listInvitationStatuses } from '$lib/server/signing/list-invitation-statuses';
import { sendReminders } from '$lib/server/signing/send-reminders';
import { decideSignOnRequest } from '$lib/server/signing/decide-sign-on-request';
import { listSignOnRequests } from '$lib/server/signing/list-sign-on-requests';
import { excludeSignature } from '$lib/server/signatures/exclude-signature';
import { loadSigningText } from '$lib/server/signing/signing-text';
import { loadSignatoryEntries } from '$lib/server/signatory-lists/load-signatory-entries';
import { orderSignatories } from '$lib/server/signatory-lists/order-signatories';
import { countryName } from '$lib/server/organisations/countries';
import { formatInZone, isTimeZone, zonedTimeToUtc } from '$lib/server/signing/zoned-time';
import { clientAddress, errorPage, requireVerifiedUser } from '$lib/server/http';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';
import { listLookAlikeSignatoryNames } from '$lib/server/organisations/name-skeleton';
import { listPreviewRevisions } from '$lib/server/publication/list-preview-revisions';
import { m } from '$lib/paraglide/messages.js';
import { currentIntlLocale } from '$lib/i18n/locales';
import { languageName } from '$lib/validation/letter';
import { hasOwnLabels } from '$lib/server/pdf/pdf-labels';
import { approvalGate, listApprovals } from '$lib/server/approvals/list-approvals';
import { listOrganisationsToAsk } from '$lib/server/approvals/list-organisations-to-ask';
import { requestApprovals } from '$lib/server/approvals/request-approvals';
import { setApprovalsRequired } from '$lib/server/approvals/set-approvals-required';
import { askApprovalForm, chosenOrganisationIds, requireApprovalsForm } from '$lib/validation/approvals';

/** The coordinators' signing dashboard. */
export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		const head = await findHeadRevision(letter.id, letter.primaryLanguage);
		const signingText = letter.signingTextId ? await loadSigningText(letter.signingTextId) : undefined;
		const entries = letter.signingTextId ? await loadSignatoryEntries(letter) : { counting: [], awaiting: [] };
		const language = letter.primaryLanguage;
		const approvals = letter.state === 'draft' ? await loadApprovals(letter) : null;
		const describe = (e: (typeof entries.counting)[number]) => ({
			signatureId: e.signatureId,
			name: e.organisationName,
			countryName: countryName(e.country, currentIntlLocale()),
			signedAt: e.signedAt,
			verified: e.verified
		});
		return {
			letter: { id: letter.id, state: letter.state, visibility: letter.visibility, approvalsRequired: letter.approvalsRequired },
			approvals,
			title: head?.title ?? '',
			signingText: signingText ? { number: signingText.number, hash: signingText.hash, createdAt: signingText.createdAt } : null,
			deadline: letter.deadlineAt ? formatInZone(letter.deadlineAt, letter.deadlineTimeZone ?? 'UTC', currentIntlLocale()) : null,
			textChanged: Boolean(signingText && head && !signingText.revisions.some((r) => r.id === head.id)),
			invitations: await listInvitationStatuses(letter.id),
			requests: await listSignOnRequests(letter.id),
			signatures: orderSignatories(entries.counting, { ordering: letter.ordering, initiatorsFirst: letter.initiatorsFirst, language }).map(describe),
			awaiting: entries.awaiting.map(describe),
			nameClashes: await listLookAlikeSignatoryNames(letter.id), // IN3
			timeZones: Intl.supportedValuesOf('timeZone'),
			steppedUp: isSteppedUp(session),
			previewLanguages: (await listPreviewRevisions(letter)).map((r) => ({ code: r.language, name: languageName(r.language), englishLabels: !hasOwnLabels(r.language) }))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

/** Issue 13 point 4: the approvals of the draft's text, and whom the coordinator can ask. */
async function loadApprovals(letter: Parameters<typeof listApprovals>[0] & { coalitionId: string }) {
	const [{ text, approvals }, organisations] = await Promise.all([listApprovals(letter), listOrganisationsToAsk(letter.coalitionId)]);
	return { revisionNumber: text.revision?.number ?? null, list: approvals, gate: approvalGate(approvals), organisations };
}

const requestForm = z.object({ requestId: rowId });
const emailForm = z.object({ email: email(), message: personalMessage() });
const messageForm = z.object({ message: personalMessage() });

export const actions = {
	open: formAction('open', openSigningForm, async ({ user, data, event }) => {
		const zone = data.timeZone && isTimeZone(data.timeZone) ? data.timeZone : 'UTC';
		const deadlineAt = data.deadline ? (zonedTimeToUtc(data.deadline, zone) ?? null) : null;
		await openSigning({ actor: user, letterId: event.params.id, deadlineAt, deadlineTimeZone: zone });
		done(event, 'opened');
	}, { get invalid() { return m.sig_invalid_deadline(); }, confirm: true }),
	askApproval: formAction('approvals', askApprovalForm, async ({ user, data, event }) => {
		const { count, revisionNumber } = await requestApprovals({
			actor: user,
			letterId: event.params.id,
			organisationIds: chosenOrganisationIds(data),
			message: data.message,
			origin: linkOrigin(event.url)
		});
		done(event, 'approvalsAsked', { n: count, id: String(revisionNumber) });
	}),
	requireApprovals: formAction('approvals', requireApprovalsForm, async ({ user, data, event }) => {
		await setApprovalsRequired({ actor: user, letterId: event.params.id, required: data.required });
		done(event, data.required ? 'approvalsRequired' : 'approvalsOptional');
	}),
	amend: formAction('signing', emptyForm, async ({ user, event }) => {
		await amendSigningText({ actor: user, letterId: event.params.id, origin: linkOrigin(event.url) });
		done(event, 'amended');
	}),
	close: formAction('signing', emptyForm, async ({ user, event }) => {
		await closeSigning({ actor: user, letterId: event.params.id });
		done(event, 'closed');
	}),
	reopen: formAction('signing', emptyForm, async ({ user, event }) => {
		await reopenSigning({ actor: user, letterId: event.params.id });
		done(event, 'reopened');
	}),
	inviteMembers: formAction('members', messageForm, async ({ user, data, event }) => {
		const { count } = await inviteMemberOrganisations({ actor: user, letterId: event.params.id, message: data.message, origin: linkOrigin(event.url) });
		done(event, 'membersInvited', { n: count });
	}),
	inviteEmail: formAction('invite', emailForm, async ({ user, data, event }) => {
		const { id } = await inviteToSignByEmail({ actor: user, letterId: event.params.id, email: data.email, message: data.message, origin: linkOrigin(event.url) });
		done(event, 'invited', { id });
	}),
	remind: formAction('remind', messageForm, async ({ user, data, event }) => {
		const { count } = await sendReminders({ actor: user, letterId: event.params.id, message: data.message, origin: linkOrigin(event.url) });
		done(event, 'reminded', { n: count });
	}),
	approve: formAction('signing', requestForm, async ({ user, data, event }) => {
		await decideSignOnRequest({ actor: user, letterId: event.params.id, requestId: data.requestId, approve: true });
		done(event, 'approved');
	}, { get invalid() { return m.sig_invalid_choose_request(); } }),
	decline: formAction('signing', requestForm, async ({ user, data, event }) => {
		await decideSignOnRequest({ actor: user, letterId: event.params.id, requestId: data.requestId, approve: false });
		done(event, 'declined');
	}, { get invalid() { return m.sig_invalid_choose_request(); } }),
	exclude: formAction('exclude', excludeForm, async ({ user, session, data, event }) => {
		await excludeSignature({
			actor: user,
			session,
			letterId: event.params.id,
			signatureId: data.signatureId,
			reason: data.reason,
			confirmed: data.confirm,
			password: data.password,
			clientAddress: clientAddress(event)
		});
		done(event, 'excluded');
	}, { get invalid() { return m.sig_invalid_give_reason(); } })
} satisfies Actions;
