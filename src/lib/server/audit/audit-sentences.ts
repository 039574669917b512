import { languageName } from '$lib/validation/letter';
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

/**
 * Builds a sentence from a template: literal text and strings become text, and
 * parts (names) stay parts. Adjacent text is joined so the page renders few nodes.
 */
function say(strings: TemplateStringsArray, ...pieces: Piece[]): SentencePart[] {
	const parts: SentencePart[] = [];
	const push = (part: SentencePart) => {
		const last = parts.at(-1);
		if ('text' in part && last && 'text' in last) last.text += part.text;
		else if (!('text' in part) || part.text !== '') parts.push({ ...part });
	};
	strings.forEach((literal, i) => {
		push({ text: literal });
		if (i >= pieces.length) return;
		const piece = pieces[i]!;
		if (typeof piece === 'string' || typeof piece === 'number') push({ text: String(piece) });
		else if (Array.isArray(piece)) piece.forEach(push);
		else push(piece);
	});
	return parts;
}

/** The actor at the start of a sentence. */
function who(actor: AuditActor): SentencePart[] {
	switch (actor.kind) {
		case 'person':
			return [{ name: actor.name }];
		case 'withheld':
			return actor.organisation === null ? [{ text: 'An organisation (name withheld)' }] : [{ name: actor.organisation }, { text: ' (name withheld)' }];
		case 'system':
			return [{ text: 'Undersigned itself' }];
		case 'former':
			return [{ text: 'A former member' }];
	}
}

function organisation(c: SentenceContext, id: unknown = c.data.organisationId): SentencePart {
	const name = c.organisationName(id);
	return name === null ? { text: 'an organisation' } : { name };
}

function person(c: SentenceContext, id: unknown = c.data.userId): SentencePart {
	const name = c.personName(id);
	return name === null ? { text: 'a former member' } : { name };
}

/** "A", "A and B", "A, B and C": organisation names as parts. */
function organisations(c: SentenceContext, ids: unknown): SentencePart[] {
	const list = Array.isArray(ids) ? ids.slice(0, 20).map((id) => organisation(c, id)) : [];
	if (list.length === 0) return [{ text: 'organisations' }];
	const more = Array.isArray(ids) && ids.length > list.length ? ids.length - list.length : 0;
	const parts: SentencePart[] = [];
	list.forEach((part, i) => {
		if (i > 0) parts.push({ text: i === list.length - 1 && more === 0 ? ' and ' : ', ' });
		parts.push(part);
	});
	if (more > 0) parts.push({ text: ` and ${plural(more, 'other')}` });
	return parts;
}

function count(value: unknown): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A language code from the data as its English name; only short codes are read. */
function language(code: unknown): string | null {
	return typeof code === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? languageName(code) : null;
}

/** "revision 4 of the English text", from the revision row if it still exists, else from the entry's own data. */
function revisionPhrase(c: SentenceContext, kind: 'text' | 'translation'): string {
	const row = c.revision(c.data.revisionId);
	const number = row?.number ?? count(c.data.number);
	const lang = language(row?.language ?? c.data.language);
	const what = lang ? `the ${lang} ${kind}` : `the ${kind}`;
	return number === null ? `a revision of ${what}` : `revision ${number} of ${what}`;
}

/**
 * An act in an organisation's name: "Ana signed for Org Y." to those who may know
 * the person, "Org Y (name withheld) signed." to everyone else.
 */
function organisationAct(c: SentenceContext, named: (org: SentencePart) => SentencePart[], withheld: string): SentencePart[] {
	if (c.actor.kind === 'withheld') return say`${who(c.actor)} ${withheld}.`;
	return say`${who(c.actor)} ${named(organisation(c))}.`;
}

/** A refused action's name from its route ("/letters/sign?/sign" → "sign"); anything unexpected reads as "act". */
function actionWords(action: unknown): string {
	const name = typeof action === 'string' ? /\?\/([A-Za-z]{1,40})$/.exec(action)?.[1] : undefined;
	return name ? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'act';
}

const REFUSAL_CODES: Record<string, string> = {
	forbidden: 'not allowed',
	not_found: 'nothing of theirs to act on',
	step_up_required: 'their password had to be entered again first',
	wrong_password: 'wrong password'
};

const COORDINATOR_END_REASONS: Record<string, string> = {
	organisation_removed: 'their organisation left the coalition',
	role_changed: 'their role in their organisation changed',
	member_left: 'they left their organisation',
	member_removed: 'they were removed from their organisation'
};

type SentenceOf = (c: SentenceContext) => SentencePart[];

/**
 * Every kind of entry in words. A Record over AuditEventType, so a new kind without
 * a sentence does not compile; tests/integration/audit-sentences.test.ts checks each
 * against real data. Sentences name people and organisations, never ids, e-mail
 * addresses, personal messages, reasons typed by people or hashes.
 */
export const AUDIT_SENTENCES: Record<AuditEventType, SentenceOf> = {
	'letter.created': (c) => {
		const lang = language(c.data.primaryLanguage);
		return say`${who(c.actor)} started the letter${lang ? ` in ${lang}` : ''}.`;
	},
	'letter.updated': (c) => {
		if (c.data.approvalsRequired === true) return say`${who(c.actor)} made signing wait until the organisations asked have approved the text.`;
		if (c.data.approvalsRequired === false) return say`${who(c.actor)} let signing open without waiting for approvals.`;
		return say`${who(c.actor)} changed the letter’s settings.`;
	},
	'revision.saved': (c) => {
		const merged = c.revision(c.data.mergedRevisionId);
		return say`${who(c.actor)} saved ${revisionPhrase(c, 'text')}${merged ? `, merging in revision ${merged.number}` : ''}.`;
	},
	'translation.saved': (c) => say`${who(c.actor)} saved ${revisionPhrase(c, 'translation')}.`,
	'comment.added': (c) => {
		if (c.data.parentId) return say`${who(c.actor)} replied to a comment.`;
		const paragraph = count(c.data.paragraph);
		return say`${who(c.actor)} commented on ${paragraph ? `paragraph ${paragraph}` : 'the letter'}.`;
	},
	'comment.edited': (c) => say`${who(c.actor)} edited their comment.`,
	'comment.deleted': (c) => say`${who(c.actor)} deleted their comment.`,
	'comment.resolved': (c) => say`${who(c.actor)} marked a comment thread as resolved.`,
	'comment.reopened': (c) => say`${who(c.actor)} reopened a comment thread.`,
	'coalition.created': (c) => say`${who(c.actor)} started the coalition.`,
	'coalition.member_added': (c) => say`${who(c.actor)} added ${organisation(c)} to the coalition.`,
	'coalition.member_removed': (c) => say`${who(c.actor)} removed ${organisation(c)} from the coalition.`,
	'coalition.invitation_sent': (c) => say`${who(c.actor)} invited an organisation to join the coalition.`,
	'coalition.invitation_accepted': (c) => say`${who(c.actor)} accepted the invitation to the coalition for ${organisation(c)}.`,
	'coalition.invitation_revoked': (c) => say`${who(c.actor)} withdrew an invitation to join the coalition.`,
	'coalition.coordinator_added': (c) =>
		c.actorId !== null && c.data.userId === c.actorId ? say`${who(c.actor)} became a coordinator.` : say`${who(c.actor)} made ${person(c)} a coordinator.`,
	'coalition.coordinator_removed': (c) => {
		const reason = typeof c.data.reason === 'string' ? COORDINATOR_END_REASONS[c.data.reason] : undefined;
		const subject = c.actorId !== null && c.data.userId === c.actorId ? say`${who(c.actor)} stepped down as a coordinator` : say`${who(c.actor)} ended ${person(c)}’s role as a coordinator`;
		return say`${subject}${reason ? ` because ${reason}` : ''}.`;
	},
	'coalition.coordinator_vacant': (c) => {
		const told = count(c.data.ownersTold);
		return say`The coalition had no acting coordinator left${told === null ? '' : `; ${plural(told, 'owner')} of member organisations were told`}.`;
	},
	'action.refused': (c) => {
		const code = typeof c.data.code === 'string' ? REFUSAL_CODES[c.data.code] : undefined;
		return say`${who(c.actor)} tried to ${actionWords(c.data.action)} and was refused${code ? ` (${code})` : ''}.`;
	},
	'coalition.member_verified': (c) => {
		const org = organisation(c);
		const changes: SentencePart[][] = [];
		if (c.data.verified === true) changes.push(say`marked ${org} as verified`);
		if (c.data.verified === false) changes.push(say`removed the verified mark from ${org}`);
		if (c.data.initiator === true) changes.push(say`listed ${org} among the initiators`);
		if (c.data.initiator === false) changes.push(say`no longer lists ${org} among the initiators`);
		if (changes.length === 0) return say`${who(c.actor)} changed how ${org} is shown in the coalition.`;
		return say`${who(c.actor)} ${changes.flatMap((change, i) => (i === 0 ? change : say` and ${change}`))}.`;
	},
	'coalition.sending_limits_lifted': (c) => say`${who(c.actor)} lifted the coalition’s sending limits.`,
	'coalition.sending_limits_restored': (c) => say`${who(c.actor)} restored the coalition’s sending limits.`,
	'approval.requested': (c) => {
		const number = count(c.data.revisionNumber);
		return say`${who(c.actor)} asked ${organisations(c, c.data.organisationIds)} to approve ${number ? `revision ${number} of the text` : 'the text'}.`;
	},
	// The note asking for changes is the organisation's own words, mailed to coordinators; not repeated here.
	'approval.given': (c) => organisationAct(c, (org) => say`approved the text for ${org}`, 'approved the text'),
	'approval.changes_requested': (c) => organisationAct(c, (org) => say`asked for changes to the text for ${org}`, 'asked for changes to the text'),
	'letter.opened': (c) => say`${who(c.actor)} opened the letter for signatures.`,
	'letter.amended': (c) => say`${who(c.actor)} amended the signing text; earlier signatures await re-confirmation.`,
	'letter.closed': (c) => say`${who(c.actor)} closed signing.`,
	'letter.reopened': (c) => say`${who(c.actor)} reopened the letter for signatures.`,
	'signing.invited': (c) =>
		Array.isArray(c.data.organisationIds)
			? say`${who(c.actor)} invited ${organisations(c, c.data.organisationIds)} to sign.`
			: say`${who(c.actor)} invited an organisation outside the coalition to sign, by e-mail.`,
	'signing.invitation_accepted': (c) => organisationAct(c, (org) => say`accepted the invitation to sign for ${org}`, 'accepted the invitation to sign'),
	'signing.declined': (c) => organisationAct(c, (org) => say`declined to sign for ${org}`, 'declined to sign'),
	'signing.reminded': (c) => {
		const n = Array.isArray(c.data.invitationIds) ? c.data.invitationIds.length : null;
		return say`${who(c.actor)} reminded ${n === null ? 'organisations' : plural(n, 'organisation')} to sign.`;
	},
	'sign_on.requested': (c) => organisationAct(c, (org) => say`asked to sign for ${org}`, 'asked to sign'),
	'sign_on.approved': (c) => say`${who(c.actor)} approved the request of ${organisation(c)} to sign.`,
	'sign_on.declined': (c) => say`${who(c.actor)} declined the request of ${organisation(c)} to sign.`,
	'signature.added': (c) => organisationAct(c, (org) => say`signed for ${org}`, 'signed'),
	'signature.reconfirmed': (c) => organisationAct(c, (org) => say`re-confirmed the signature of ${org} on the amended text`, 're-confirmed its signature on the amended text'),
	'signature.withdrawn': (c) => organisationAct(c, (org) => say`withdrew the signature of ${org}`, 'withdrew its signature'),
	'signature.revoked': (c) => organisationAct(c, (org) => say`revoked the signature of ${org}`, 'revoked its signature'),
	// A coordinator's act, so the coordinator is named; the reason they typed is not repeated here.
	'signature.excluded': (c) => say`${who(c.actor)} excluded the signature of ${organisation(c)}.`,
	'signature.refused': (c) => organisationAct(c, (org) => say`tried to sign for ${org} and was refused`, 'tried to sign and was refused'),
	'letter.published': (c) => {
		const edition = count(c.data.number);
		return say`${who(c.actor)} published ${edition ? `edition ${edition}` : 'an edition'} of the letter.`;
	},
	'letter.reopened_for_edition': (c) => say`${who(c.actor)} reopened the published letter for signatures towards a new edition.`,
	'recipient.added': (c) => say`${who(c.actor)} added a recipient.`,
	'recipient.removed': (c) => {
		const cancelled = count(c.data.cancelledMessages);
		return say`${who(c.actor)} removed a recipient${cancelled ? ` and cancelled ${plural(cancelled, 'unsent message')}` : ''}.`;
	},
	'recipients.imported': (c) => {
		const n = count(c.data.count);
		return say`${who(c.actor)} imported ${n === null ? 'recipients' : plural(n, 'recipient')}.`;
	},
	'distribution.queued': (c) => {
		const edition = count(c.data.editionNumber);
		const messages = count(c.data.messages);
		return say`${who(c.actor)} queued ${edition ? `edition ${edition}` : 'the letter'} for sending${messages === null ? '' : ` to ${plural(messages, 'recipient')}`}.`;
	},
	'organisation.domain_verified': (c) => {
		const domain = typeof c.data.domain === 'string' && /^[a-z0-9.-]{1,253}$/i.test(c.data.domain) ? c.data.domain : null;
		return say`${who(c.actor)} proved that ${organisation(c)} controls its website’s domain${domain ? ` ${domain}` : ''}.`;
	},
	'organisation.domain_verification_removed': (c) => say`The domain verification of ${organisation(c)} ended because its website changed.`
};

function isKnownType(type: string): type is AuditEventType {
	return Object.hasOwn(AUDIT_SENTENCES, type);
}

/** The entry in words; a kind this build does not know (a newer entry) still reads as a sentence, without its data. */
export function describeAuditEvent(type: string, context: SentenceContext): SentencePart[] {
	if (isKnownType(type)) return AUDIT_SENTENCES[type](context);
	return say`${who(context.actor)} did something this version of Undersigned cannot describe.`;
}
