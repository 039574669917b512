import type { AuditEventType } from '../audit/audit-event';
import { letterState } from '../db/schema';
import { m } from '$lib/paraglide/messages.js';

/**
 * The letter's lifecycle, written once. A letter is a draft while its text is
 * written; open while organisations sign a frozen signing text; closed while
 * coordinators check the list; published once an edition is frozen (a published
 * letter can be opened again towards a new edition). Every command that depends on
 * the state is listed in LETTER_COMMANDS, and runLetterCommand enforces its row.
 *
 * There is no "withdrawn" letter: nothing ever set it, so the state was removed
 * (drizzle/0005_drop_withdrawn_letter_state.sql). A coalition that wants a letter gone closes it and does not
 * publish it.
 */
export const LETTER_STATES = letterState.enumValues;
export type LetterState = (typeof LETTER_STATES)[number];

/**
 * Who may perform a command, always derived from current membership (AZ7):
 * - coordinator: a coordinator of the letter's coalition;
 * - organisation_signer: an owner or signatory of the organisation acted for;
 * - organisation_owner: an owner of the organisation acted for;
 * - signature_author: the person who made the signature, while still an owner or
 *   signatory of the organisation it was made for.
 */
export type CommandActor = 'coordinator' | 'organisation_signer' | 'organisation_owner' | 'signature_author';

/**
 * How the letter row is locked for the command's transaction. Commands that change
 * the letter's state or text take it FOR UPDATE; commands that only need the state
 * to hold until they commit (signing, ending a signature, inviting) take it FOR SHARE,
 * so they run side by side while a close or publish waits for them all, and they for it.
 */
export type LetterLock = 'update' | 'share';

export interface LetterCommandRule {
	from: readonly LetterState[];
	/** The state after the command; undefined when the state stays. */
	to?: LetterState;
	who: CommandActor;
	lock: LetterLock;
	/** The audit entry the command writes. */
	audit: AuditEventType;
	/** What the person is told when the letter is in another state (a message, read in the request's language). */
	refusal: () => string;
}

const rule = <T extends Record<string, LetterCommandRule>>(rules: T) => rules;

export const LETTER_COMMANDS = rule({
	updateLetterSettings: {
		from: ['draft'],
		who: 'coordinator',
		lock: 'update',
		audit: 'letter.updated',
		refusal: () => m.letter_refusal_settings_draft_only()
	},
	// Issue 13 point 4: approval of the final text, while it is still a draft.
	requestApprovals: { from: ['draft'], who: 'coordinator', lock: 'share', audit: 'approval.requested', refusal: () => m.letter_refusal_approval_draft_only() },
	approveText: { from: ['draft'], who: 'organisation_signer', lock: 'share', audit: 'approval.given', refusal: () => m.letter_refusal_signing_opened() },
	requestTextChanges: {
		from: ['draft'],
		who: 'organisation_signer',
		lock: 'share',
		audit: 'approval.changes_requested',
		refusal: () => m.letter_refusal_signing_opened()
	},
	setApprovalsRequired: {
		from: ['draft'],
		who: 'coordinator',
		lock: 'update',
		audit: 'letter.updated',
		refusal: () => m.letter_refusal_draft_only()
	},
	openSigning: { from: ['draft'], to: 'open', who: 'coordinator', lock: 'update', audit: 'letter.opened', refusal: () => m.letter_refusal_open_draft_only() },
	amendSigningText: {
		from: ['open'],
		who: 'coordinator',
		lock: 'update',
		audit: 'letter.amended',
		refusal: () => m.letter_refusal_amend_open_only()
	},
	closeSigning: { from: ['open'], to: 'closed', who: 'coordinator', lock: 'update', audit: 'letter.closed', refusal: () => m.letter_refusal_close_open_only() },
	reopenSigning: { from: ['closed'], to: 'open', who: 'coordinator', lock: 'update', audit: 'letter.reopened', refusal: () => m.letter_refusal_reopen_closed_only() },
	reopenForNewEdition: {
		from: ['published'],
		to: 'open',
		who: 'coordinator',
		lock: 'update',
		audit: 'letter.reopened_for_edition',
		refusal: () => m.letter_refusal_edition_published_only()
	},
	publishLetter: { from: ['closed'], to: 'published', who: 'coordinator', lock: 'update', audit: 'letter.published', refusal: () => m.letter_refusal_publish_closed_only() },
	signLetter: { from: ['open'], who: 'organisation_signer', lock: 'share', audit: 'signature.added', refusal: () => m.letter_refusal_signing_closed() },
	reconfirmSignature: {
		from: ['open'],
		who: 'organisation_signer',
		lock: 'share',
		audit: 'signature.reconfirmed',
		refusal: () => m.letter_refusal_signing_closed()
	},
	withdrawSignature: {
		from: ['open', 'closed'],
		who: 'signature_author',
		lock: 'share',
		audit: 'signature.withdrawn',
		refusal: () => m.letter_refusal_signatures_published()
	},
	revokeSignature: {
		from: ['open', 'closed'],
		who: 'organisation_owner',
		lock: 'share',
		audit: 'signature.revoked',
		refusal: () => m.letter_refusal_signatures_published()
	},
	excludeSignature: {
		from: ['closed'],
		who: 'coordinator',
		lock: 'share',
		audit: 'signature.excluded',
		refusal: () => m.letter_refusal_exclude_closed_only()
	},
	requestToSign: {
		from: ['open'],
		who: 'organisation_signer',
		lock: 'share',
		audit: 'sign_on.requested',
		refusal: () => m.letter_refusal_no_sign_on()
	},
	inviteOrganisationsToSign: { from: ['open'], who: 'coordinator', lock: 'share', audit: 'signing.invited', refusal: () => m.letter_refusal_open_first() },
	remindSignatories: { from: ['open'], who: 'coordinator', lock: 'share', audit: 'signing.reminded', refusal: () => m.letter_refusal_open_first() },
	queueDistribution: {
		from: ['open', 'closed', 'published'],
		who: 'coordinator',
		lock: 'share',
		audit: 'distribution.queued',
		refusal: () => m.letter_refusal_publish_first()
	}
});

export type LetterCommand = keyof typeof LETTER_COMMANDS;

export function mayRunInState(command: LetterCommand, state: LetterState): boolean {
	return (LETTER_COMMANDS[command].from as readonly LetterState[]).includes(state);
}

/** The states each state can move to, derived from the commands (for docs and tests). */
export function transitionsFrom(state: LetterState): LetterState[] {
	const targets = Object.values(LETTER_COMMANDS as Record<string, LetterCommandRule>)
		.filter((r) => r.to && r.from.includes(state))
		.map((r) => r.to as LetterState);
	return [...new Set(targets)];
}
