import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

/**
 * "o•••@e•••.org": enough for the person to recognise which of their addresses an
 * invitation went to, not enough for whoever holds a forwarded link to learn it.
 */
export function maskAddress(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '•••';
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const host = dot > 0 ? domain.slice(0, dot) : domain;
	const tld = dot > 0 ? domain.slice(dot) : '';
	return `${[...local][0]}•••@${[...host][0] ?? ''}•••${tld}`;
}

/** Is this the account an invitation to `invitedEmail` was meant for: the same address, confirmed? */
export function isInvitedAccount(invitedEmail: string, actor: { email: string; emailVerified: boolean }): boolean {
	return actor.emailVerified && actor.email.toLowerCase() === invitedEmail.toLowerCase();
}

/**
 * AU11: an invitation link works only for the account whose confirmed address it was
 * sent to; holding the link is not enough (links get forwarded, mailboxes shared).
 * Anyone else is told where it went (masked) and how to get one of their own.
 * `askWhom` names who sends invitations, in the reader's language ("an owner of X").
 */
export function requireInvitedAccount(invitedEmail: string, actor: { email: string; emailVerified: boolean }, askWhom: string): void {
	if (isInvitedAccount(invitedEmail, actor)) return;
	throw new AppError(
		'wrong_recipient',
		m.coal_error_wrong_recipient({ address: maskAddress(invitedEmail), whom: askWhom })
	);
}

/**
 * How an invitation is found: by the token of its link, or by its id when the person
 * answers it from their own list of invitations waiting for their confirmed address
 * (the id alone proves nothing; the address check above still decides).
 */
export type InvitationKey = string | { id: string };
