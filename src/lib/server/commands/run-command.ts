import { db, type Transaction } from '../db';
import { appendAuditEvent, appendWithCommit } from '../audit/append-audit-event';
import type { AuditEventType } from '../audit/audit-event';
import { queueMail, type QueuedMail } from '../mail/queue-mail';
import { wakeOutboxWorker } from '../mail/outbox-worker';

export interface AuditEntry {
	chainId: string;
	type: AuditEventType;
	actorId: string | null;
	data: Record<string, unknown>;
}

export interface CommandContext {
	tx: Transaction;
	/** Appends to the audit trail in this transaction (CC4). */
	audit(entry: AuditEntry): Promise<{ seq: number; hash: string }>;
	/**
	 * Appends the audit entry as the transaction's last statement, sent together with
	 * its COMMIT: call it last, do not await it, and only on a chain that already has
	 * entries (one statement; see appendWithCommit). runCommand settles it after the
	 * commit and throws if it failed, in which case the COMMIT rolled everything back.
	 */
	auditWithCommit(entry: AuditEntry): void;
	/** Queues mail in this transaction: it goes out if and only if the command commits. */
	queueMail(mail: QueuedMail | QueuedMail[]): Promise<void>;
}

/**
 * Every state change runs here: one transaction in which the body changes rows,
 * appends its audit entry and queues its mail; after the commit the outbox worker is
 * woken so the mail goes out at once rather than at its next tick. Nothing is sent
 * if the body throws. Commands on a letter use runLetterCommand, which adds the lock
 * and the checks from the lifecycle table.
 */
export async function runCommand<T>(body: (ctx: CommandContext) => Promise<T>): Promise<T> {
	let queued = 0;
	let lastAudit: Promise<unknown> | undefined;
	const result = await db().transaction((tx) =>
		body({
			tx,
			audit: (entry) => appendAuditEvent(tx, entry),
			auditWithCommit(entry) {
				if (lastAudit) throw new Error('auditWithCommit: one entry per command');
				lastAudit = appendWithCommit(tx, entry);
				// Settled below, after the commit; until then a failure must not count as unhandled.
				lastAudit.catch(() => undefined);
			},
			async queueMail(mail) {
				const { ids } = await queueMail(tx, mail);
				queued += ids.length;
			}
		})
	);
	// A failed entry aborted the transaction, and PostgreSQL answered its COMMIT by
	// rolling back: the command did not happen, and says so.
	if (lastAudit) await lastAudit;
	if (queued > 0) wakeOutboxWorker();
	return result;
}
