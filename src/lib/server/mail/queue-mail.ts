import type { Transaction } from '../db';
import { outboxMessages } from '../db/schema';
import { generateId } from '../crypto';
import type { MailMessage } from './dev-mailbox';

/**
 * What a message is for. Kinds in SECRET_MAIL_KINDS carry a link or code that works
 * as a credential; the outbox blanks their bodies once delivered or given up on, so
 * the database does not keep usable tokens in clear text (SE1, AU4).
 */
export type MailKind =
	| 'signature_receipt'
	| 'reconfirm_request'
	| 'signing_invitation'
	| 'signing_reminder'
	| 'approval_request'
	| 'approval_answer'
	| 'organisation_invitation'
	| 'coalition_invitation'
	| 'email_verification'
	| 'already_registered'
	| 'password_reset'
	| 'password_changed'
	| 'email_change_notice'
	| 'two_factor_changed'
	| 'domain_verification'
	| 'published_notice'
	| 'coordinator_vacancy'
	| 'distribution';

export const SECRET_MAIL_KINDS: readonly string[] = [
	'signing_invitation',
	'organisation_invitation',
	'coalition_invitation',
	'email_verification',
	'password_reset',
	'domain_verification'
] satisfies MailKind[];

export interface QueuedMail {
	kind: MailKind;
	message: MailMessage;
	letterId?: string | null;
	editionId?: string | null;
	recipientId?: string | null;
	/** A publication whose PDF goes with the message. */
	attachmentPublicationId?: string | null;
	/** AV6: sent as List-Unsubscribe and in the text (distribution mail). */
	unsubscribeUrl?: string | null;
}

/**
 * The one way mail leaves Undersigned: rows in the durable outbox, written in the
 * transaction of what caused them, so a message exists exactly when its cause was
 * committed and a failing mail server delays it instead of dropping it. The command
 * that queued it wakes the outbox worker after the commit (runCommand does so).
 */
export async function queueMail(tx: Transaction, mail: QueuedMail | QueuedMail[]): Promise<{ ids: string[] }> {
	const list = Array.isArray(mail) ? mail : [mail];
	const now = new Date();
	const rows = list.map((m) => {
		if (!m.message.to) throw new Error(`queueMail(${m.kind}) needs an address`);
		return {
			id: generateId(),
			kind: m.kind,
			letterId: m.letterId ?? null,
			editionId: m.editionId ?? null,
			recipientId: m.recipientId ?? null,
			attachmentPublicationId: m.attachmentPublicationId ?? null,
			unsubscribeUrl: m.unsubscribeUrl ?? null,
			toAddress: m.message.to,
			subject: m.message.subject,
			textBody: m.message.text,
			htmlBody: m.message.html,
			nextAttemptAt: now
		};
	});
	// Batches keep each INSERT well under PostgreSQL's limit of bind parameters.
	for (let i = 0; i < rows.length; i += 500) await tx.insert(outboxMessages).values(rows.slice(i, i + 500));
	return { ids: rows.map((r) => r.id) };
}
