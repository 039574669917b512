export type DeliveryStatus =
	| { state: 'no_email' }
	| { state: 'not_sent' }
	/** AV6: the address asked for no more letters from this instance; nothing is sent to it. */
	| { state: 'unsubscribed' }
	| { state: 'queued'; editionNumber: number | null }
	| { state: 'sending'; editionNumber: number | null; attempts: number }
	| { state: 'retrying'; editionNumber: number | null; attempts: number; lastError: string | null; nextAttemptAt: Date }
	| { state: 'sent'; editionNumber: number | null; sentAt: Date }
	| { state: 'failed'; editionNumber: number | null; attempts: number; lastError: string | null };

interface LatestMessage {
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	lastError: string | null;
	nextAttemptAt: Date;
	lockedUntil: Date | null;
	sentAt: Date | null;
	editionNumber: number | null;
}

/** What a coordinator reads about one recipient's latest message, derived from the outbox row. */
export function deliveryStatus(hasEmail: boolean, message: LatestMessage | undefined, now = new Date()): DeliveryStatus {
	if (!message) return hasEmail ? { state: 'not_sent' } : { state: 'no_email' };
	const { editionNumber, attempts, lastError } = message;
	if (message.status === 'sent') return { state: 'sent', editionNumber, sentAt: message.sentAt ?? message.nextAttemptAt };
	if (message.status === 'failed') return { state: 'failed', editionNumber, attempts, lastError };
	if (message.lockedUntil && message.lockedUntil > now) return { state: 'sending', editionNumber, attempts };
	if (attempts === 0) return { state: 'queued', editionNumber };
	return { state: 'retrying', editionNumber, attempts, lastError, nextAttemptAt: message.nextAttemptAt };
}
