import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { coalitionMembers, signOnRequests, signatures, signingInvitations } from '../db/schema';
import { AppError } from '../errors';
import { renderLetterBody } from '../letters/render-body';
import { isEligibleToSign, listSigningOrganisations, loadLetterForSigning } from './access';
import { loadSigningText } from './signing-text';
import { markInvitationOpened } from './mark-invitation-opened';
import { signatoryLine } from '../signatory-lists/order-signatories';
import { formatInZone } from './zoned-time';
import { countryName } from '../organisations/countries';
import { m } from '$lib/paraglide/messages.js';
import { currentIntlLocale } from '$lib/i18n/locales';

/**
 * What someone about to sign sees: the exact signing text (every language), and for
 * each organisation they may sign for, the line that will appear in the list and
 * where it stands (signed, awaiting re-confirmation, declined, may ask to sign on).
 */
export async function getSignPage(options: { letterId: string; actor: { id: string }; language: string | null }) {
	const { letter, coalition } = await loadLetterForSigning(options.letterId, options.actor.id);
	const signingText = letter.signingTextId ? await loadSigningText(letter.signingTextId) : undefined;
	if (!signingText) throw new AppError('not_found', m.pub_letter_not_found());
	const revision =
		signingText.revisions.find((r) => r.language === options.language) ??
		signingText.revisions.find((r) => r.language === letter.primaryLanguage) ??
		signingText.revisions[0];
	if (!revision) throw new AppError('not_found', m.pub_letter_not_found());
	const mine = await listSigningOrganisations(options.actor.id);
	const ids = mine.map((o) => o.id);
	const [active, invitations, requests, members] = ids.length
		? await Promise.all([
				db()
					.select({ id: signatures.id, organisationId: signatures.organisationId, signingTextId: signatures.signingTextId, signerId: signatures.signerId })
					.from(signatures)
					.where(and(eq(signatures.letterId, letter.id), eq(signatures.status, 'active'), inArray(signatures.organisationId, ids))),
				db()
					.select({ organisationId: signingInvitations.organisationId, declinedAt: signingInvitations.declinedAt })
					.from(signingInvitations)
					.where(and(eq(signingInvitations.letterId, letter.id), inArray(signingInvitations.organisationId, ids))),
				db()
					.select({ organisationId: signOnRequests.organisationId, status: signOnRequests.status })
					.from(signOnRequests)
					.where(and(eq(signOnRequests.letterId, letter.id), inArray(signOnRequests.organisationId, ids))),
				// The list and the PDF mark an organisation whose membership a coordinator verified.
				db()
					.select({ organisationId: coalitionMembers.organisationId, verifiedAt: coalitionMembers.verifiedAt })
					.from(coalitionMembers)
					.where(and(eq(coalitionMembers.coalitionId, letter.coalitionId), inArray(coalitionMembers.organisationId, ids)))
			])
		: [[], [], [], []];
	const organisations = await Promise.all(
		mine.map(async (o) => {
			const signature = active.find((s) => s.organisationId === o.id);
			return {
				id: o.id,
				role: o.role,
				line: signatoryLine({ organisationName: o.displayName, country: o.country }, letter.primaryLanguage),
				name: o.displayName,
				// The line above is the letter's (as the list and the PDF print it); the page's own words name the country in the interface language.
				countryName: countryName(o.country, letter.primaryLanguage),
				countryNameHere: countryName(o.country, currentIntlLocale()),
				verified: members.some((m) => m.organisationId === o.id && m.verifiedAt !== null),
				eligible: await isEligibleToSign(letter, o.id),
				signatureId: signature?.id ?? null,
				signedByMe: signature?.signerId === options.actor.id,
				awaitingReconfirmation: Boolean(signature && signature.signingTextId !== signingText.id),
				declined: invitations.some((i) => i.organisationId === o.id && i.declinedAt),
				invited: invitations.some((i) => i.organisationId === o.id),
				request: requests.find((r) => r.organisationId === o.id)?.status ?? null
			};
		})
	);
	return {
		letter,
		inCoalition: coalition !== null,
		signingText: { id: signingText.id, number: signingText.number, hash: signingText.hash, languages: signingText.revisions.map((r) => r.language) },
		revision: { language: revision.language, title: revision.title, addressees: revision.addressees, closing: revision.closing },
		bodyHtml: renderLetterBody(revision.body),
		deadline: letter.deadlineAt ? formatInZone(letter.deadlineAt, letter.deadlineTimeZone ?? 'UTC', currentIntlLocale()) : null,
		deadlinePassed: Boolean(letter.deadlineAt && letter.deadlineAt.getTime() <= Date.now()),
		organisations
	};
}

/**
 * CS4: reading the sign page writes nothing; the page itself reports with a POST that
 * one of the organisation's people opened it (invitation status "Opened").
 */
export async function markSignPageOpened(options: { letterId: string; actor: { id: string } }): Promise<void> {
	const { letter } = await loadLetterForSigning(options.letterId, options.actor.id);
	const mine = await listSigningOrganisations(options.actor.id);
	await markInvitationOpened(letter.id, mine.map((o) => o.id));
}
