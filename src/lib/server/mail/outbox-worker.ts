import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { deliveryAttempts, outboxMessages, publications } from '../db/schema';
import { generateId } from '../crypto';
import { log } from '../log';
import { attachmentFilename, sendOutboxMail, type OutboxMail, type OutboxSender } from './outbox-mailer';
import { SECRET_MAIL_KINDS } from './queue-mail';
import { suppressedAddresses } from './unsubscribe';

export const OUTBOX_DEFAULTS = {
	limit: 10,
	/**
	 * Short, and renewed every third of it while a send is under way (heartbeat), so the
	 * messages of an instance that died are claimed again within about a minute.
	 */
	leaseMs: 45_000,
	maxAttempts: 12,
	intervalMs: 5_000
} as const;

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * The wait after the n-th failed attempt: 30 s, 1 min, 2 min, ... capped at 1 h,
 * each spread by ±25 % so that messages which failed together (a mail server that
 * was down) do not all come back in the same second.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const exponential = BACKOFF_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 20);
	return Math.round(Math.min(exponential * (0.75 + random() * 0.5), BACKOFF_CAP_MS));
}

const EMAIL_LIKE = /[^\s<>()[\]"',;:@]{1,64}@[^\s<>()[\]"',;:@]{1,255}/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s/@]{1,200}@/gi;

/**
 * PR6: what is stored, shown to coordinators and logged about a failure: the
 * server's answer without addresses (they come back in "550 <x@y> unknown") or
 * credentials in a URL.
 */
export function summariseError(error: unknown): string {
	let text = String(error).slice(0, 1000);
	if (error instanceof Error) {
		// nodemailer's errors carry the server's own answer ("451 4.2.1 ...") and a code naming the stage.
		const { code, response } = error as { code?: unknown; response?: unknown };
		const answer = typeof response === 'string' && response ? response : error.message;
		text = [typeof code === 'string' ? code : '', answer.slice(0, 1000)].filter(Boolean).join(' ');
	}
	return text
		.slice(0, 1000)
		.replace(URL_CREDENTIALS, '$1***@')
		.replace(EMAIL_LIKE, (address) => `${address.slice(0, 1)}***@${address.split('@')[1]}`)
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

export interface ClaimedMessage {
	id: string;
	kind: string;
	/** The attempt this claim is: attempts were counted up by the claim itself. */
	attempts: number;
	lockedUntil: Date;
	toAddress: string;
	subject: string;
	textBody: string;
	htmlBody: string;
	attachmentPublicationId: string | null;
	unsubscribeUrl: string | null;
	nextAttemptAt: Date;
}

/**
 * Claims up to `limit` due messages in one statement: the inner SELECT ... FOR UPDATE
 * SKIP LOCKED lets workers on other connections (other app instances) pass over rows
 * this one is claiming instead of waiting for them, and the UPDATE sets the lease and
 * counts the attempt before the statement commits. A message is due when pending, its
 * time has come, and no live lease holds it; a lease that ran out means the worker
 * holding it died, and the message is claimed again.
 *
 * The attempt is counted here rather than after a failure, so that a message that
 * brings its worker down every time still runs out of attempts instead of looping;
 * and the count is this claim's fencing token: whoever claims the message later
 * holds a higher one.
 */
export async function claimDueMessages(options: { now: Date; limit: number; leaseMs: number }): Promise<ClaimedMessage[]> {
	const { now, limit, leaseMs } = options;
	const due = db()
		.select({ id: outboxMessages.id })
		.from(outboxMessages)
		.where(
			and(
				eq(outboxMessages.status, 'pending'),
				lte(outboxMessages.nextAttemptAt, now),
				or(isNull(outboxMessages.lockedUntil), lt(outboxMessages.lockedUntil, now))
			)
		)
		.orderBy(asc(outboxMessages.nextAttemptAt))
		.limit(limit)
		.for('update', { skipLocked: true });
	const claimed = await db()
		.update(outboxMessages)
		.set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outboxMessages.attempts} + 1` })
		.where(inArray(outboxMessages.id, due))
		.returning({
			id: outboxMessages.id,
			kind: outboxMessages.kind,
			attempts: outboxMessages.attempts,
			lockedUntil: outboxMessages.lockedUntil,
			toAddress: outboxMessages.toAddress,
			subject: outboxMessages.subject,
			textBody: outboxMessages.textBody,
			htmlBody: outboxMessages.htmlBody,
			attachmentPublicationId: outboxMessages.attachmentPublicationId,
			unsubscribeUrl: outboxMessages.unsubscribeUrl,
			nextAttemptAt: outboxMessages.nextAttemptAt
		});
	return claimed
		.map((row) => ({ ...row, lockedUntil: row.lockedUntil ?? new Date(now.getTime() + leaseMs) }))
		.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/** Is this claim still the newest one on a pending message? */
const stillOurs = (claim: ClaimedMessage) =>
	and(eq(outboxMessages.id, claim.id), eq(outboxMessages.attempts, claim.attempts), eq(outboxMessages.status, 'pending'));

/**
 * Before sending: renews the lease (the batch's lease was counted from the claim, and
 * earlier sends in the batch used some of it) and records the attempt. Nothing is
 * sent if another worker has claimed the message since, or it was marked sent.
 */
async function startAttempt(claim: ClaimedMessage, at: Date, leaseMs: number): Promise<string | undefined> {
	return db().transaction(async (tx) => {
		const [renewed] = await tx
			.update(outboxMessages)
			.set({ lockedUntil: new Date(at.getTime() + leaseMs) })
			.where(stillOurs(claim))
			.returning({ id: outboxMessages.id });
		if (!renewed) return undefined;
		const attemptId = generateId();
		await tx.insert(deliveryAttempts).values({ id: attemptId, messageId: claim.id, attempt: claim.attempts, startedAt: at });
		return attemptId;
	});
}

/**
 * While one message is being sent, its lease is renewed every third of the lease, so
 * a slow but live send keeps the message and a dead instance loses it within one
 * lease. The renewal only holds while this claim is the newest.
 */
function keepLease(claim: ClaimedMessage, clock: () => Date, leaseMs: number): { stop(): Promise<void> } {
	let renewing: Promise<unknown> = Promise.resolve();
	const timer = setInterval(() => {
		renewing = db()
			.update(outboxMessages)
			.set({ lockedUntil: new Date(clock().getTime() + leaseMs) })
			.where(stillOurs(claim))
			.catch((error: unknown) => log.warn('outbox lease renewal failed', { messageId: claim.id, error: summariseError(error) }));
	}, Math.max(1_000, Math.floor(leaseMs / 3)));
	timer.unref();
	return {
		async stop() {
			clearInterval(timer);
			await renewing;
		}
	};
}

async function buildMail(claim: ClaimedMessage): Promise<OutboxMail> {
	const mail: OutboxMail = { id: claim.id, to: claim.toAddress, subject: claim.subject, text: claim.textBody, html: claim.htmlBody, unsubscribeUrl: claim.unsubscribeUrl };
	if (!claim.attachmentPublicationId) return mail;
	const [publication] = await db()
		.select({ pdf: publications.pdf, title: publications.title, language: publications.language })
		.from(publications)
		.where(eq(publications.id, claim.attachmentPublicationId));
	// Publications are never deleted; if one were, sending the cover message without
	// the PDF would mislead the recipient, so the attempt fails and says why.
	if (!publication) throw new Error('the attached publication no longer exists');
	return { ...mail, attachment: { filename: attachmentFilename(publication.title, publication.language), content: publication.pdf } };
}

/*
 * Marked sent whichever claim is newest: the receiving server accepted this very
 * message (its content never changes after it is queued), and marking it stops a
 * later claimant that has not sent yet from sending it again. Only a lease that was
 * too short can get here without being the newest claim, so that is logged.
 */
const SCRUBBED = '(removed after delivery: it held a one-time link or code)';
const scrubbed = (claim: ClaimedMessage) => (SECRET_MAIL_KINDS.includes(claim.kind) ? { textBody: SCRUBBED, htmlBody: SCRUBBED } : {});

async function markSent(claim: ClaimedMessage, attemptId: string, at: Date, response: string) {
	await db().transaction(async (tx) => {
		const [row] = await tx
			.update(outboxMessages)
			.set({ status: 'sent', sentAt: at, lockedUntil: null, lastError: null, ...scrubbed(claim) })
			.where(and(eq(outboxMessages.id, claim.id), eq(outboxMessages.status, 'pending')))
			.returning({ attempts: outboxMessages.attempts });
		await tx.update(deliveryAttempts).set({ finishedAt: at, ok: response || 'accepted' }).where(eq(deliveryAttempts.id, attemptId));
		if (row && row.attempts !== claim.attempts) log.warn('outbox lease ran out during a send; raise leaseMs', { messageId: claim.id });
	});
}

/**
 * A failure only changes the message while this claim is still the newest: a worker
 * whose lease ran out must not reschedule a message that another is now sending.
 */
async function markFailed(claim: ClaimedMessage, attemptId: string | undefined, at: Date, error: string, maxAttempts: number) {
	const giveUp = claim.attempts >= maxAttempts;
	await db().transaction(async (tx) => {
		await tx
			.update(outboxMessages)
			.set(
				giveUp
					? { status: 'failed', lockedUntil: null, lastError: error, ...scrubbed(claim) }
					: { lockedUntil: null, lastError: error, nextAttemptAt: new Date(at.getTime() + backoffMs(claim.attempts)) }
			)
			.where(stillOurs(claim));
		if (attemptId) await tx.update(deliveryAttempts).set({ finishedAt: at, error }).where(eq(deliveryAttempts.id, attemptId));
	});
	log.warn(giveUp ? 'outbox message failed for good' : 'outbox delivery failed; will retry', { messageId: claim.id, attempt: claim.attempts, error });
}

/** What a coordinator reads on a message the outbox would not send because its recipient unsubscribed. */
export const UNSUBSCRIBED_ERROR = 'not sent: the recipient asked to get no more letters';

/**
 * AV6: letters (distribution mail) are not sent to an address that unsubscribed,
 * even when they were queued before it did: the message is given up on, with the
 * reason recorded on it and in the log, and its attempt taken back.
 */
async function cancelForSuppression(claim: ClaimedMessage) {
	await db()
		.update(outboxMessages)
		.set({ status: 'failed', lockedUntil: null, lastError: UNSUBSCRIBED_ERROR, attempts: sql`${outboxMessages.attempts} - 1` })
		.where(stillOurs(claim));
	log.info('outbox message cancelled: the recipient unsubscribed', { messageId: claim.id });
}

export interface RunOutboxOptions {
	/** The worker's idea of the current time; tests move it forward instead of sleeping. */
	now?: Date;
	limit?: number;
	leaseMs?: number;
	maxAttempts?: number;
	send?: OutboxSender;
	/** Asked before each message: when it says stop, the claims not yet started are handed back. */
	shouldStop?: () => boolean;
}

export interface RunOutboxResult {
	claimed: number;
	sent: number;
	retrying: number;
	failed: number;
	/** Claimed by another worker meanwhile, or already sent. */
	skipped: number;
	/** Handed back unsent because the worker is stopping. */
	released: number;
	/** Letters not sent because their recipient unsubscribed (AV6). */
	suppressed: number;
}

/**
 * A stopping worker hands back what it claimed but did not start: the lease is
 * dropped and the attempt it counted is taken back, so another worker (or this one
 * after a restart) sends it at once, with nothing counted against it.
 */
async function releaseClaim(claim: ClaimedMessage) {
	await db()
		.update(outboxMessages)
		.set({ lockedUntil: null, attempts: sql`${outboxMessages.attempts} - 1` })
		.where(stillOurs(claim));
}

/** One pass: claim due messages, then deliver them one by one and record each attempt. */
export async function runOutboxOnce(options: RunOutboxOptions = {}): Promise<RunOutboxResult> {
	const limit = options.limit ?? OUTBOX_DEFAULTS.limit;
	const leaseMs = options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
	const maxAttempts = options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
	const send = options.send ?? sendOutboxMail;
	const realStart = Date.now();
	const start = options.now ?? new Date(realStart);
	const clock = () => new Date(start.getTime() + (Date.now() - realStart));

	const claims = await claimDueMessages({ now: start, limit, leaseMs });
	const result: RunOutboxResult = { claimed: claims.length, sent: 0, retrying: 0, failed: 0, skipped: 0, released: 0, suppressed: 0 };
	for (const claim of claims) {
		if (options.shouldStop?.()) {
			await releaseClaim(claim);
			result.released += 1;
			continue;
		}
		if (claim.attempts > maxAttempts) {
			// Only repeated crashes mid-send get here: each counted an attempt that never finished.
			await markFailed(claim, undefined, clock(), 'delivery was interrupted too many times', maxAttempts);
			result.failed += 1;
			continue;
		}
		// Asked just before each send, so an unsubscribe that arrives mid-batch still counts.
		if (claim.kind === 'distribution' && (await suppressedAddresses([claim.toAddress])).size > 0) {
			await cancelForSuppression(claim);
			result.suppressed += 1;
			continue;
		}
		const attemptId = await startAttempt(claim, clock(), leaseMs);
		if (!attemptId) {
			result.skipped += 1;
			continue;
		}
		const heartbeat = keepLease(claim, clock, leaseMs);
		try {
			const { response } = await send(await buildMail(claim));
			await heartbeat.stop();
			await markSent(claim, attemptId, clock(), summariseError(response));
			result.sent += 1;
		} catch (error) {
			await heartbeat.stop();
			await markFailed(claim, attemptId, clock(), summariseError(error), maxAttempts);
			if (claim.attempts >= maxAttempts) result.failed += 1;
			else result.retrying += 1;
		}
	}
	return result;
}

/*
 * The in-process worker. Its state lives on globalThis, like the database handle, so
 * that it is started once per process even when the app's modules are loaded twice
 * (tests load the built app next to the sources), and either copy can pause it.
 */
const WORKER = Symbol.for('undersigned.outbox.worker');
interface WorkerState {
	timer: ReturnType<typeof setInterval>;
	paused: boolean;
	running: Promise<void> | undefined;
	again: boolean;
}
const slots = globalThis as { [WORKER]?: WorkerState };

async function drain(state: WorkerState) {
	do {
		state.again = false;
		// Bounded, so one tick never runs forever while new mail keeps arriving.
		for (let round = 0; round < 20 && !state.paused; round++) {
			const { claimed } = await runOutboxOnce({ shouldStop: () => state.paused });
			if (claimed < OUTBOX_DEFAULTS.limit) break;
		}
	} while (state.again && !state.paused);
}

function tick(state: WorkerState) {
	if (state.paused) return;
	if (state.running) {
		state.again = true;
		return;
	}
	state.running = drain(state)
		.catch((error: unknown) => log.error('outbox worker run failed', { error: summariseError(error) }))
		.finally(() => {
			state.running = undefined;
		});
}

/**
 * Runs the outbox on a timer in this server process. Any number of processes may run
 * one against the same PostgreSQL: claims never overlap (see claimDueMessages). The
 * timer does not keep the process alive.
 */
export function startOutboxWorker(options: { intervalMs?: number } = {}): void {
	if (slots[WORKER]) return;
	const state: WorkerState = {
		timer: setInterval(() => tick(state), options.intervalMs ?? OUTBOX_DEFAULTS.intervalMs),
		paused: false,
		running: undefined,
		again: false
	};
	state.timer.unref();
	slots[WORKER] = state;
}

/** Delivers soon rather than at the next tick; call after committing new messages. */
export function wakeOutboxWorker(): void {
	const state = slots[WORKER];
	if (state) setImmediate(() => tick(state));
}

/**
 * Holds the in-process worker (and waits for a run in progress): for tests that
 * drive runOutboxOnce themselves, and for shutting down cleanly.
 */
export async function pauseOutboxWorker(): Promise<void> {
	const state = slots[WORKER];
	if (!state) return;
	state.paused = true;
	await state.running;
}

/**
 * Runs `fn` with the in-process worker held (a run in progress is waited for), then
 * leaves the worker as it was: for tests that empty tables the worker writes to.
 */
export async function whileOutboxWorkerPaused<T>(fn: () => Promise<T>): Promise<T> {
	const state = slots[WORKER];
	const wasPaused = state?.paused ?? true;
	if (state) {
		state.paused = true;
		await state.running;
	}
	try {
		return await fn();
	} finally {
		if (state && !wasPaused) state.paused = false;
	}
}

export function resumeOutboxWorker(): void {
	const state = slots[WORKER];
	if (state) state.paused = false;
}

export async function stopOutboxWorker(): Promise<void> {
	const state = slots[WORKER];
	if (!state) return;
	state.paused = true;
	clearInterval(state.timer);
	await state.running;
	delete slots[WORKER];
}
