import { currentIntlLocale, formatNumber, languageNameInInterface } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';
import type { AuditEventType } from './audit-event';

/**
 * One piece of a sentence: plain text, or a name the page isolates in <bdi> (IN4),
 * so a right-to-left name cannot reorder the words around it. Sentences are parts,
 * never HTML, so nothing here is ever put on a page unescaped.
 */
export type SentencePart = { text: string } | { name: string };

/** Who did it, as this viewer may see them (PR7 is decided in audit-trail-view.ts). */
export type AuditActor =
	| { kind: 'person'; name: string }
	/** Acted in an organisation's name and is not named to this viewer; null: the organisation is unknown. */
	| { kind: 'withheld'; organisation: string | null }
	| { kind: 'system' }
	| { kind: 'former' };

/** What a sentence may know about its entry: its data, with ids already resolved to what may be shown. */
export interface SentenceContext {
	actor: AuditActor;
	/** The actor's user id, only to tell "became a coordinator" from "made X a coordinator"; never shown. */
	actorId: string | null;
	data: Record<string, unknown>;
	organisationName(id: unknown): string | null;
	personName(id: unknown): string | null;
	revision(id: unknown): { number: number; language: string } | null;
}

type Piece = string | number | SentencePart | SentencePart[];

/** Marks a piece's place in a message's output: private-use characters no message or name holds. */
const mark = (i: number) => `\uE000${i}\uE001`;
const MARKED = /\uE000(\d+)\uE001/;

/** Text and names as parts; adjacent text is joined so the page renders few nodes. */
function join(pieces: (string | SentencePart)[]): SentencePart[] {
	const parts: SentencePart[] = [];
	for (const piece of pieces) {
		const part = typeof piece === 'string' ? { text: piece } : piece;
		const last = parts.at(-1);
		if ('text' in part && last && 'text' in last) last.text += part.text;
		else if (!('text' in part) || part.text !== '') parts.push({ ...part });
	}
	return parts;
}

/**
 * A sentence from a message in the reader's language (issue 14): strings and numbers
 * go into the message as they are (a number can choose a plural form), and parts
 * (names) go in as marks that are cut out again afterwards, so each name stays a
 * part of its own wherever the language puts it in the sentence.
 */
function say<T extends Record<string, Piece>>(pieces: T, message: (inputs: { [K in keyof T]: string | number }) => string): SentencePart[] {
	const keys = Object.keys(pieces) as (keyof T)[];
	const inputs = {} as { [K in keyof T]: string | number };
	keys.forEach((key, i) => {
		const piece = pieces[key];
		inputs[key] = typeof piece === 'string' || typeof piece === 'number' ? piece : mark(i);
	});
	return join(
		message(inputs)
			.split(MARKED)
			.flatMap((chunk, i) => {
				if (i % 2 === 0) return [chunk];
				const piece = pieces[keys[Number(chunk)]!]!;
				return typeof piece === 'object' ? (Array.isArray(piece) ? piece : [piece]) : [String(piece)];
			})
	);
}

/** "A", "A and B", "A, B and C" in the reader's language, each item keeping its names as parts. */
function list(items: SentencePart[][]): SentencePart[] {
	const formatted = new Intl.ListFormat(currentIntlLocale(), { type: 'conjunction' }).format(items.map((_, i) => mark(i)));
	return join(formatted.split(MARKED).flatMap((chunk, i): (string | SentencePart)[] => (i % 2 === 0 ? [chunk] : items[Number(chunk)]!)));
}

/** The actor at the start of a sentence. */
function who(actor: AuditActor): SentencePart[] {
	switch (actor.kind) {
		case 'person':
			return [{ name: actor.name }];
		case 'withheld':
			return actor.organisation === null
				? [{ text: m.letter_audit_actor_withheld_unknown() }]
				: say({ organisation: { name: actor.organisation } }, (p) => m.letter_audit_actor_withheld(p));
		case 'system':
			return [{ text: m.letter_audit_actor_system() }];
		case 'former':
			return [{ text: m.letter_former_member_capital() }];
	}
}

function organisation(c: SentenceContext, id: unknown = c.data.organisationId): SentencePart {
	const name = c.organisationName(id);
	return name === null ? { text: m.letter_audit_an_organisation() } : { name };
}

function person(c: SentenceContext, id: unknown = c.data.userId): SentencePart {
	const name = c.personName(id);
	return name === null ? { text: m.letter_former_member() } : { name };
}

/** "A", "A and B", "A, B and 3 others": organisation names as parts. */
function organisations(c: SentenceContext, ids: unknown): SentencePart[] {
	const items = Array.isArray(ids) ? ids.slice(0, 20).map((id) => [organisation(c, id)]) : [];
	if (items.length === 0) return [{ text: m.letter_audit_organisations() }];
	const more = Array.isArray(ids) && ids.length > items.length ? ids.length - items.length : 0;
	if (more > 0) items.push([{ text: m.letter_audit_others({ count: more, shown: formatNumber(more) }) }]);
	return list(items);
}

function count(value: unknown): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** A language code from the data as its name in the reader's language; only short codes are read. */
function language(code: unknown): string | null {
	return typeof code === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? languageNameInInterface(code) : null;
}

/** "revision 4 of the English text", from the revision row if it still exists, else from the entry's own data. */
function revisionPhrase(c: SentenceContext, kind: 'text' | 'translation'): string {
	const row = c.revision(c.data.revisionId);
	const found = row?.number ?? count(c.data.number);
	// Numbers in the reader's digits (Persian digits in Persian and Dari).
	const number = found === null ? null : formatNumber(found);
	const lang = language(row?.language ?? c.data.language);
	if (kind === 'text') {
		if (number === null) return lang ? m.letter_audit_a_revision_of_language_text({ language: lang }) : m.letter_audit_a_revision_of_text();
		return lang ? m.letter_audit_revision_of_language_text({ number, language: lang }) : m.letter_audit_revision_of_text({ number });
	}
	if (number === null) return lang ? m.letter_audit_a_revision_of_language_translation({ language: lang }) : m.letter_audit_a_revision_of_translation();
	return lang ? m.letter_audit_revision_of_language_translation({ number, language: lang }) : m.letter_audit_revision_of_translation({ number });
}

type ActMessage = (inputs: { actor: string | number; organisation: string | number }) => string;

/**
 * An act in an organisation's name: "Ana signed for Org Y." to those who may know
 * the person, "Org Y (name withheld) signed." to everyone else.
 */
function organisationAct(c: SentenceContext, named: ActMessage, withheld: (inputs: { actor: string | number }) => string): SentencePart[] {
	if (c.actor.kind === 'withheld') return say({ actor: who(c.actor) }, withheld);
	return say({ actor: who(c.actor), organisation: organisation(c) }, named);
}

/** A refused action's name from its route ("/letters/sign?/sign" → "sign"); anything unexpected reads as "act". */
function actionWords(action: unknown): string {
	const name = typeof action === 'string' ? /\?\/([A-Za-z]{1,40})$/.exec(action)?.[1] : undefined;
	return name ? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : m.letter_audit_refused_act();
}

const REFUSAL_CODES: Record<string, () => string> = {
	forbidden: () => m.letter_audit_refused_forbidden(),
	not_found: () => m.letter_audit_refused_not_found(),
	step_up_required: () => m.letter_audit_refused_step_up(),
	wrong_password: () => m.letter_audit_refused_wrong_password()
};

const COORDINATOR_END_REASONS: Record<string, () => string> = {
	organisation_removed: () => m.letter_audit_reason_organisation_removed(),
	role_changed: () => m.letter_audit_reason_role_changed(),
	member_left: () => m.letter_audit_reason_member_left(),
	member_removed: () => m.letter_audit_reason_member_removed()
};

type SentenceOf = (c: SentenceContext) => SentencePart[];

/**
 * Every kind of entry in words, in the reader's language (one message per kind and
 * variant). A Record over AuditEventType, so a new kind without a sentence does not
 * compile; tests/integration/audit-sentences.test.ts checks each against real data.
 * Sentences name people and organisations, never ids, e-mail addresses, personal
 * messages, reasons typed by people or hashes.
 */
export const AUDIT_SENTENCES: Record<AuditEventType, SentenceOf> = {
	'letter.created': (c) => {
		const lang = language(c.data.primaryLanguage);
		const actor = who(c.actor);
		return lang ? say({ actor, language: lang }, (p) => m.letter_audit_letter_created_in(p)) : say({ actor }, (p) => m.letter_audit_letter_created(p));
	},
	'letter.updated': (c) => {
		const actor = who(c.actor);
		if (c.data.approvalsRequired === true) return say({ actor }, (p) => m.letter_audit_approvals_required(p));
		if (c.data.approvalsRequired === false) return say({ actor }, (p) => m.letter_audit_approvals_not_required(p));
		return say({ actor }, (p) => m.letter_audit_settings_changed(p));
	},
	'revision.saved': (c) => {
		const merged = c.revision(c.data.mergedRevisionId);
		const pieces = { actor: who(c.actor), revision: revisionPhrase(c, 'text') };
		if (merged) return say({ ...pieces, merged: formatNumber(merged.number) }, (p) => m.letter_audit_revision_saved_merged(p));
		return say(pieces, (p) => m.letter_audit_revision_saved(p));
	},
	'translation.saved': (c) => say({ actor: who(c.actor), revision: revisionPhrase(c, 'translation') }, (p) => m.letter_audit_translation_saved(p)),
	'comment.added': (c) => {
		const actor = who(c.actor);
		if (c.data.parentId) return say({ actor }, (p) => m.letter_audit_comment_replied(p));
		const paragraph = count(c.data.paragraph);
		if (paragraph) return say({ actor, paragraph: formatNumber(paragraph) }, (p) => m.letter_audit_comment_on_paragraph(p));
		return say({ actor }, (p) => m.letter_audit_comment_on_letter(p));
	},
	'comment.edited': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_comment_edited(p)),
	'comment.deleted': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_comment_deleted(p)),
	'comment.resolved': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_comment_resolved(p)),
	'comment.reopened': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_comment_reopened(p)),
	'coalition.created': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_coalition_created(p)),
	'coalition.member_added': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_member_added(p)),
	'coalition.member_removed': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_member_removed(p)),
	'coalition.invitation_sent': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_coalition_invitation_sent(p)),
	'coalition.invitation_accepted': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_coalition_invitation_accepted(p)),
	'coalition.invitation_revoked': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_coalition_invitation_revoked(p)),
	'coalition.coordinator_added': (c) =>
		c.actorId !== null && c.data.userId === c.actorId
			? say({ actor: who(c.actor) }, (p) => m.letter_audit_became_coordinator(p))
			: say({ actor: who(c.actor), person: person(c) }, (p) => m.letter_audit_made_coordinator(p)),
	'coalition.coordinator_removed': (c) => {
		const reason = typeof c.data.reason === 'string' ? COORDINATOR_END_REASONS[c.data.reason]?.() : undefined;
		const actor = who(c.actor);
		if (c.actorId !== null && c.data.userId === c.actorId) {
			return reason ? say({ actor, reason }, (p) => m.letter_audit_stepped_down_because(p)) : say({ actor }, (p) => m.letter_audit_stepped_down(p));
		}
		const pieces = { actor, person: person(c) };
		return reason ? say({ ...pieces, reason }, (p) => m.letter_audit_coordinator_ended_because(p)) : say(pieces, (p) => m.letter_audit_coordinator_ended(p));
	},
	'coalition.coordinator_vacant': (c) => {
		const told = count(c.data.ownersTold);
		if (told === null) return say({}, () => m.letter_audit_coordinator_vacant());
		return say({ count: told, shown: formatNumber(told) }, (p) => m.letter_audit_coordinator_vacant_told(p));
	},
	'action.refused': (c) => {
		const code = typeof c.data.code === 'string' ? REFUSAL_CODES[c.data.code]?.() : undefined;
		const pieces = { actor: who(c.actor), action: actionWords(c.data.action) };
		return code ? say({ ...pieces, reason: code }, (p) => m.letter_audit_action_refused_because(p)) : say(pieces, (p) => m.letter_audit_action_refused(p));
	},
	'coalition.member_verified': (c) => {
		const org = organisation(c);
		const changes: SentencePart[][] = [];
		if (c.data.verified === true) changes.push(say({ organisation: org }, (p) => m.letter_audit_change_verified(p)));
		if (c.data.verified === false) changes.push(say({ organisation: org }, (p) => m.letter_audit_change_unverified(p)));
		if (c.data.initiator === true) changes.push(say({ organisation: org }, (p) => m.letter_audit_change_initiator(p)));
		if (c.data.initiator === false) changes.push(say({ organisation: org }, (p) => m.letter_audit_change_not_initiator(p)));
		if (changes.length === 0) return say({ actor: who(c.actor), organisation: org }, (p) => m.letter_audit_member_shown_changed(p));
		return say({ actor: who(c.actor), changes: list(changes) }, (p) => m.letter_audit_member_changes(p));
	},
	'coalition.sending_limits_lifted': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_sending_limits_lifted(p)),
	'coalition.sending_limits_restored': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_sending_limits_restored(p)),
	'approval.requested': (c) => {
		const number = count(c.data.revisionNumber);
		const pieces = { actor: who(c.actor), organisations: organisations(c, c.data.organisationIds) };
		return number ? say({ ...pieces, number: formatNumber(number) }, (p) => m.letter_audit_approval_requested_revision(p)) : say(pieces, (p) => m.letter_audit_approval_requested(p));
	},
	// The note asking for changes is the organisation's own words, mailed to coordinators; not repeated here.
	'approval.given': (c) => organisationAct(c, (p) => m.letter_audit_approval_given_for(p), (p) => m.letter_audit_approval_given(p)),
	'approval.changes_requested': (c) => organisationAct(c, (p) => m.letter_audit_changes_requested_for(p), (p) => m.letter_audit_changes_requested(p)),
	'letter.opened': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_letter_opened(p)),
	'letter.amended': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_letter_amended(p)),
	'letter.closed': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_letter_closed(p)),
	'letter.reopened': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_letter_reopened(p)),
	'signing.invited': (c) =>
		Array.isArray(c.data.organisationIds)
			? say({ actor: who(c.actor), organisations: organisations(c, c.data.organisationIds) }, (p) => m.letter_audit_signing_invited(p))
			: say({ actor: who(c.actor) }, (p) => m.letter_audit_signing_invited_by_email(p)),
	'signing.invitation_accepted': (c) => organisationAct(c, (p) => m.letter_audit_sign_invitation_accepted_for(p), (p) => m.letter_audit_sign_invitation_accepted(p)),
	'signing.declined': (c) => organisationAct(c, (p) => m.letter_audit_signing_declined_for(p), (p) => m.letter_audit_signing_declined(p)),
	'signing.reminded': (c) => {
		const n = Array.isArray(c.data.invitationIds) ? c.data.invitationIds.length : null;
		if (n === null) return say({ actor: who(c.actor) }, (p) => m.letter_audit_signing_reminded(p));
		return say({ actor: who(c.actor), count: n, shown: formatNumber(n) }, (p) => m.letter_audit_signing_reminded_count(p));
	},
	'sign_on.requested': (c) => organisationAct(c, (p) => m.letter_audit_sign_on_requested_for(p), (p) => m.letter_audit_sign_on_requested(p)),
	'sign_on.approved': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_sign_on_approved(p)),
	'sign_on.declined': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_sign_on_declined(p)),
	'signature.added': (c) => organisationAct(c, (p) => m.letter_audit_signed_for(p), (p) => m.letter_audit_signed(p)),
	'signature.reconfirmed': (c) => organisationAct(c, (p) => m.letter_audit_reconfirmed_for(p), (p) => m.letter_audit_reconfirmed(p)),
	'signature.withdrawn': (c) => organisationAct(c, (p) => m.letter_audit_withdrew_for(p), (p) => m.letter_audit_withdrew(p)),
	'signature.revoked': (c) => organisationAct(c, (p) => m.letter_audit_revoked_for(p), (p) => m.letter_audit_revoked(p)),
	// A coordinator's act, so the coordinator is named; the reason they typed is not repeated here.
	'signature.excluded': (c) => say({ actor: who(c.actor), organisation: organisation(c) }, (p) => m.letter_audit_signature_excluded(p)),
	'signature.refused': (c) => organisationAct(c, (p) => m.letter_audit_sign_refused_for(p), (p) => m.letter_audit_sign_refused(p)),
	'letter.published': (c) => {
		const edition = count(c.data.number);
		if (edition) return say({ actor: who(c.actor), edition: formatNumber(edition) }, (p) => m.letter_audit_published_edition(p));
		return say({ actor: who(c.actor) }, (p) => m.letter_audit_published(p));
	},
	'letter.reopened_for_edition': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_reopened_for_edition(p)),
	'recipient.added': (c) => say({ actor: who(c.actor) }, (p) => m.letter_audit_recipient_added(p)),
	'recipient.removed': (c) => {
		const cancelled = count(c.data.cancelledMessages);
		if (cancelled) return say({ actor: who(c.actor), count: cancelled, shown: formatNumber(cancelled) }, (p) => m.letter_audit_recipient_removed_cancelled(p));
		return say({ actor: who(c.actor) }, (p) => m.letter_audit_recipient_removed(p));
	},
	'recipients.imported': (c) => {
		const n = count(c.data.count);
		if (n === null) return say({ actor: who(c.actor) }, (p) => m.letter_audit_recipients_imported(p));
		return say({ actor: who(c.actor), count: n, shown: formatNumber(n) }, (p) => m.letter_audit_recipients_imported_count(p));
	},
	'distribution.queued': (c) => {
		const found = count(c.data.editionNumber);
		const edition = found ? formatNumber(found) : null;
		const messages = count(c.data.messages);
		const actor = who(c.actor);
		if (messages === null) {
			return edition ? say({ actor, edition }, (p) => m.letter_audit_queued_edition(p)) : say({ actor }, (p) => m.letter_audit_queued(p));
		}
		const pieces = { actor, count: messages, shown: formatNumber(messages) };
		return edition ? say({ ...pieces, edition }, (p) => m.letter_audit_queued_edition_to(p)) : say(pieces, (p) => m.letter_audit_queued_to(p));
	},
	'organisation.domain_verified': (c) => {
		const domain = typeof c.data.domain === 'string' && /^[a-z0-9.-]{1,253}$/i.test(c.data.domain) ? c.data.domain : null;
		const pieces = { actor: who(c.actor), organisation: organisation(c) };
		return domain ? say({ ...pieces, domain }, (p) => m.letter_audit_domain_verified_named(p)) : say(pieces, (p) => m.letter_audit_domain_verified(p));
	},
	'organisation.domain_verification_removed': (c) => say({ organisation: organisation(c) }, (p) => m.letter_audit_domain_verification_removed(p))
};

function isKnownType(type: string): type is AuditEventType {
	return Object.hasOwn(AUDIT_SENTENCES, type);
}

/** The entry in words; a kind this build does not know (a newer entry) still reads as a sentence, without its data. */
export function describeAuditEvent(type: string, context: SentenceContext): SentencePart[] {
	if (isKnownType(type)) return AUDIT_SENTENCES[type](context);
	return say({ actor: who(context.actor) }, (p) => m.letter_audit_unknown(p));
}
