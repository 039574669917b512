import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { email } from '$lib/validation/text';
import { excludeForm, openSigningForm } from '$lib/validation/signing';
import { parseForm } from '$lib/validation/form';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { amendSigningText } from '$lib/server/signing/amend-signing-text';
import { closeSigning } from '$lib/server/signing/close-signing';
import { openSigning } from '$lib/server/signing/open-signing';
import { reopenSigning } from '$lib/server/signing/reopen-signing';
import { inviteMemberOrganisations, inviteToSignByEmail, listInvitationStatuses, sendReminders } from '$lib/server/signing/signing-invitations';
import { decideSignOnRequest, listSignOnRequests } from '$lib/server/signing/sign-on-requests';
import { excludeSignature } from '$lib/server/signatures/exclude-signature';
import { loadSigningText } from '$lib/server/signing/signing-text';
import { loadSignatoryEntries } from '$lib/server/signatory-lists/load-signatory-entries';
import { orderSignatories } from '$lib/server/signatory-lists/order-signatories';
import { countryName } from '$lib/server/organisations/countries';
import { formatInZone, isTimeZone, zonedTimeToUtc } from '$lib/server/signing/zoned-time';
import { errorPage, failForm, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

/** The coordinators' signing dashboard. */
export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		const head = await findHeadRevision(letter.id, letter.primaryLanguage);
		const signingText = letter.signingTextId ? await loadSigningText(letter.signingTextId) : undefined;
		const entries = letter.signingTextId ? await loadSignatoryEntries(letter) : { counting: [], awaiting: [] };
		const language = letter.primaryLanguage;
		const describe = (e: (typeof entries.counting)[number]) => ({
			signatureId: e.signatureId,
			name: e.organisationName,
			countryName: countryName(e.country, language),
			signedAt: e.signedAt,
			verified: e.verified
		});
		return {
			letter: { id: letter.id, state: letter.state, visibility: letter.visibility },
			title: head?.title ?? '',
			signingText: signingText ? { number: signingText.number, hash: signingText.hash, createdAt: signingText.createdAt } : null,
			deadline: letter.deadlineAt ? formatInZone(letter.deadlineAt, letter.deadlineTimeZone ?? 'UTC') : null,
			textChanged: Boolean(signingText && head && !signingText.revisions.some((r) => r.id === head.id)),
			invitations: await listInvitationStatuses(letter.id),
			requests: await listSignOnRequests(letter.id),
			signatures: orderSignatories(entries.counting, { ordering: letter.ordering, initiatorsFirst: letter.initiatorsFirst, language }).map(describe),
			awaiting: entries.awaiting.map(describe),
			timeZones: Intl.supportedValuesOf('timeZone')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

async function run(action: () => Promise<unknown>, done: string, form?: FormData) {
	try {
		await action();
	} catch (err) {
		return failForm(err, form);
	}
	return { done };
}

const idForm = (name: string) => z.object({ [name]: z.string().min(1).max(64) });

export const actions = {
	open: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(openSigningForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: parsed.errors.deadline ?? 'Please correct the deadline.' });
		const zone = parsed.data.timeZone && isTimeZone(parsed.data.timeZone) ? parsed.data.timeZone : 'UTC';
		const deadlineAt = parsed.data.deadline ? (zonedTimeToUtc(parsed.data.deadline, zone) ?? null) : null;
		return run(() => openSigning({ actor: user, letterId: event.params.id, deadlineAt, deadlineTimeZone: zone }), 'The letter is open for signatures.', form);
	},
	amend: async (event) => {
		const { user } = requireVerifiedUser(event);
		return run(() => amendSigningText({ actor: user, letterId: event.params.id, origin: linkOrigin(event.url) }), 'The amended text is now the signing text. Earlier signers were asked to confirm again.');
	},
	close: async (event) => {
		const { user } = requireVerifiedUser(event);
		return run(() => closeSigning({ actor: user, letterId: event.params.id }), 'Signing is closed.');
	},
	reopen: async (event) => {
		const { user } = requireVerifiedUser(event);
		return run(() => reopenSigning({ actor: user, letterId: event.params.id }), 'Signing is open again.');
	},
	inviteMembers: async (event) => {
		const { user } = requireVerifiedUser(event);
		let count = 0;
		const result = await run(async () => ({ count } = await inviteMemberOrganisations({ actor: user, letterId: event.params.id, origin: linkOrigin(event.url) })), '');
		return 'done' in result ? { done: count === 0 ? 'Every member organisation was already invited.' : `${count} member organisation${count === 1 ? '' : 's'} invited.` } : result;
	},
	inviteEmail: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(z.object({ email: email() }), form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: parsed.errors.email ?? '' });
		return run(() => inviteToSignByEmail({ actor: user, letterId: event.params.id, email: parsed.data.email, origin: linkOrigin(event.url) }), `Invitation sent to ${parsed.data.email}.`, form);
	},
	remind: async (event) => {
		const { user } = requireVerifiedUser(event);
		let count = 0;
		const result = await run(async () => ({ count } = await sendReminders({ actor: user, letterId: event.params.id, origin: linkOrigin(event.url) })), '');
		return 'done' in result ? { done: count === 0 ? 'Nobody to remind: everyone pending was reminded within the last day.' : `Reminders sent to ${count} organisation${count === 1 ? '' : 's'}.` } : result;
	},
	approve: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(idForm('requestId'), await event.request.formData());
		if (!parsed.ok) return fail(400, { message: 'Choose a request.' });
		return run(() => decideSignOnRequest({ actor: user, letterId: event.params.id, requestId: String(parsed.data.requestId), approve: true }), 'Approved: the organisation can now sign.');
	},
	decline: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(idForm('requestId'), await event.request.formData());
		if (!parsed.ok) return fail(400, { message: 'Choose a request.' });
		return run(() => decideSignOnRequest({ actor: user, letterId: event.params.id, requestId: String(parsed.data.requestId), approve: false }), 'The request was declined.');
	},
	exclude: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(excludeForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, message: parsed.errors.reason ?? 'Give a reason.' });
		return run(() => excludeSignature({ actor: user, letterId: event.params.id, ...parsed.data }), 'The signature was excluded; the reason is on the record.', form);
	}
} satisfies Actions;
