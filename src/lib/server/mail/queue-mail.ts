import { sql } from 'drizzle-orm';
import type { Transaction } from '../db';
import { preparedStatement } from '../commands/prepared-statement';
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
	const now = new Date().toISOString();
	const rows = list.map((m) => {
		if (!m.message.to) throw new Error(`queueMail(${m.kind}) needs an address`);
		return {
			id: generateId(),
			kind: m.kind,
			letter_id: m.letterId ?? null,
			edition_id: m.editionId ?? null,
			recipient_id: m.recipientId ?? null,
			attachment_publication_id: m.attachmentPublicationId ?? null,
			unsubscribe_url: m.unsubscribeUrl ?? null,
			to_address: m.message.to,
			subject: m.message.subject,
			text_body: m.message.text,
			html_body: m.message.html,
			next_attempt_at: now
		};
	});
	if (rows.length > 0) await insertMessages.run(tx, { rows: JSON.stringify(rows) });
	return { ids: rows.map((r) => r.id) };
}

/*
 * All messages in one statement whatever their number, with one parameter (a JSON
 * array of rows), so it can be a named statement: parsed once per connection, one
 * round trip (issue #9 point 8). Keys are the table's column names; columns left
 * out take their defaults.
 */
const insertMessages = preparedStatement<never>(
	'outbox_insert',
	sql`insert into ${outboxMessages} (id, kind, letter_id, edition_id, recipient_id, attachment_publication_id, unsubscribe_url,
			to_address, subject, text_body, html_body, next_attempt_at)
		select id, kind, letter_id, edition_id, recipient_id, attachment_publication_id, unsubscribe_url,
			to_address, subject, text_body, html_body, next_attempt_at
		from json_populate_recordset(null::${outboxMessages}, ${sql.placeholder('rows')}::json)`
);
