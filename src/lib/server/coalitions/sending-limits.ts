import { and, count, eq, gt, isNotNull } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '../db';
import { coalitionMembers, coalitions, letters, outboxMessages, recipients } from '../db/schema';
import { settings, type SendingLimitSettings } from '../env';
import { AppError } from '../errors';
import { formatNumber } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * AV6 (issue 11, point 9): what a coalition may send. A coalition is limited while it
 * is younger than NEW_COALITION_DAYS or has fewer member organisations than
 * NEW_COALITION_MIN_ORGANISATIONS, unless an instance administrator lifted its limits.
 * The day is a rolling 24 hours, so a budget cannot be spent twice around midnight.
 */
export interface SendingLimits {
	limited: boolean;
	/** Why the coalition counts as new or small, in the reader's language; empty when it does not (or its limits were lifted). */
	reasons: string[];
	liftedAt: Date | null;
	maxRecipientsPerLetter: number;
	maxMessagesPerDay: number;
	/** Distribution messages queued for the coalition's letters in the last 24 hours. */
	messagesLast24h: number;
}

/** Is a coalition of this age and size new or small? Pure, for the admin list and the checks alike. */
export function limitReasons(coalition: { createdAt: Date; organisations: number }, now: Date, limits: SendingLimitSettings = settings().sendingLimits): string[] {
	const reasons: string[] = [];
	const ageDays = (now.getTime() - coalition.createdAt.getTime()) / DAY_MS;
	if (ageDays < limits.newCoalitionDays) reasons.push(m.coal_limit_reason_young({ days: formatNumber(limits.newCoalitionDays) }));
	if (coalition.organisations < limits.minOrganisations) reasons.push(m.coal_limit_reason_small({ organisations: formatNumber(limits.minOrganisations) }));
	return reasons;
}

export async function getSendingLimits(coalitionId: string, executor: Executor = db(), now = new Date()): Promise<SendingLimits> {
	const limits = settings().sendingLimits;
	const [coalition] = await executor
		.select({ createdAt: coalitions.createdAt, liftedAt: coalitions.sendingLimitsLiftedAt })
		.from(coalitions)
		.where(eq(coalitions.id, coalitionId));
	if (!coalition) throw new AppError('not_found', m.coal_error_coalition_not_found());
	const [[members], [sent]] = await Promise.all([
		executor.select({ n: count() }).from(coalitionMembers).where(eq(coalitionMembers.coalitionId, coalitionId)),
		executor
			.select({ n: count() })
			.from(outboxMessages)
			.innerJoin(letters, eq(letters.id, outboxMessages.letterId))
			.where(and(eq(letters.coalitionId, coalitionId), eq(outboxMessages.kind, 'distribution'), gt(outboxMessages.createdAt, new Date(now.getTime() - DAY_MS))))
	]);
	const reasons = coalition.liftedAt ? [] : limitReasons({ createdAt: coalition.createdAt, organisations: members?.n ?? 0 }, now, limits);
	return {
		limited: reasons.length > 0,
		reasons,
		liftedAt: coalition.liftedAt,
		maxRecipientsPerLetter: limits.maxRecipientsPerLetter,
		maxMessagesPerDay: limits.maxMessagesPerDay,
		messagesLast24h: sent?.n ?? 0
	};
}

/** How many recipients with an e-mail address a letter has; callers hold the list's lock. */
export async function countEmailRecipients(tx: Transaction, letterId: string): Promise<number> {
	const [row] = await tx
		.select({ n: count() })
		.from(recipients)
		.where(and(eq(recipients.letterId, letterId), isNotNull(recipients.email)));
	return row?.n ?? 0;
}

/**
 * Refuses more recipients with an e-mail address than a limited coalition's letter
 * may have. Called inside the transaction that holds the recipient list's lock.
 */
export async function requireRecipientRoom(tx: Transaction, options: { coalitionId: string; current: number; adding: number; importing?: boolean }): Promise<void> {
	if (options.adding === 0) return;
	const limits = await getSendingLimits(options.coalitionId, tx);
	if (!limits.limited || options.current + options.adding <= limits.maxRecipientsPerLetter) return;
	const room = Math.max(0, limits.maxRecipientsPerLetter - options.current);
	const counts = { max: formatNumber(limits.maxRecipientsPerLetter), current: formatNumber(options.current) };
	throw new AppError(
		'sending_limit',
		options.importing
			? m.coal_limit_recipients_import({ ...counts, adding: formatNumber(options.adding), room: formatNumber(room) })
			: m.coal_limit_recipients(counts)
	);
}

/**
 * Refuses a send that would take a limited coalition over its daily budget, whole and
 * before anything is queued. Sends of one coalition take turns on its row (FOR NO KEY
 * UPDATE, which still lets rows that refer to the coalition be written), so two sends
 * at once cannot both count the budget as unspent.
 */
export async function requireDailyBudget(tx: Transaction, options: { coalitionId: string; messages: number; letterId: string }): Promise<void> {
	if (options.messages === 0) return;
	await tx.select({ id: coalitions.id }).from(coalitions).where(eq(coalitions.id, options.coalitionId)).for('no key update');
	const limits = await getSendingLimits(options.coalitionId, tx);
	if (!limits.limited) return;
	const recipientsNow = await countEmailRecipients(tx, options.letterId);
	if (recipientsNow > limits.maxRecipientsPerLetter) {
		throw new AppError(
			'sending_limit',
			m.coal_limit_recipients_send({ max: formatNumber(limits.maxRecipientsPerLetter), current: formatNumber(recipientsNow) })
		);
	}
	const left = Math.max(0, limits.maxMessagesPerDay - limits.messagesLast24h);
	if (options.messages <= left) return;
	throw new AppError(
		'sending_limit',
		m.coal_limit_daily({
			max: formatNumber(limits.maxMessagesPerDay),
			sent: formatNumber(limits.messagesLast24h),
			left: formatNumber(left),
			needed: formatNumber(options.messages)
		})
	);
}
