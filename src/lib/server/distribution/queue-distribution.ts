import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { coalitions, editions, outboxMessages, publications, recipients } from '../db/schema';
import { AppError } from '../errors';
import { runLetterCommand } from '../letters/run-letter-command';
import type { QueuedMail } from '../mail/queue-mail';
import type { MailMessage } from '../mail/dev-mailbox';
import { settings } from '../env';
import { requireDailyBudget } from '../coalitions/sending-limits';
import { createUnsubscribeLinks, suppressedAddresses } from '../mail/unsubscribe';
import { distributionMail } from './distribution-mail';
import { localeOfLanguage } from '../mail/reader-locale';
import { m } from '$lib/paraglide/messages.js';

export const COVER_MESSAGE_MAX = 5000;

export interface QueueDistributionResult {
	queued: number;
	/** Recipients who already have this edition on its way, or delivered. */
	alreadyQueued: number;
	/** Recipients with a postal address only. */
	withoutEmail: number;
	/** AV6: recipients whose address asked for no more letters; nothing is queued for them. */
	unsubscribed: number;
}

/**
 * "Send": one outbox message per recipient with an e-mail address, carrying the PDF
 * of the recipient's language in this edition (else the primary language's), the
 * cover message and the verification link; all in one transaction with its audit
 * entry. Sending twice (a double click, two coordinators at once) adds nothing: a
 * recipient, or an address, that has a pending or sent message for the edition is
 * skipped. Only one that failed for good is queued again, which is how a coordinator
 * retries after fixing an address.
 */
export async function queueDistribution(options: {
	actor: { id: string };
	letterId: string;
	editionId: string;
	coverMessage: string;
	origin: string;
}): Promise<QueueDistributionResult> {
	if (options.editionId.length > 64) throw new AppError('invalid', m.sig_error_choose_edition());
	return runLetterCommand({ command: 'queueDistribution', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		const { rows, edition, withEmail, everyone, unsubscribed } = await planDistribution(ctx, options, (addresses) => createUnsubscribeLinks(ctx.tx, addresses, options.origin));
		if (rows.length > 0) {
			await ctx.queueMail(rows);
			await ctx.record({ editionId: edition.id, editionNumber: edition.number, messages: rows.length });
		}
		return { queued: rows.length, alreadyQueued: withEmail.length - rows.length - unsubscribed, withoutEmail: everyone.length - withEmail.length, unsubscribed };
	});
}

/**
 * Issue 13, point 7: the cover mail exactly as the first recipient still waiting for
 * this edition will get it (the same template and data as queueDistribution), shown
 * before the coordinator confirms. Runs the same checks; queues and records nothing.
 */
export async function previewDistribution(options: Parameters<typeof queueDistribution>[0]): Promise<{ mail: MailMessage; recipientName: string; pending: number } | null> {
	if (options.editionId.length > 64) throw new AppError('invalid', m.sig_error_choose_edition());
	return runLetterCommand({ command: 'queueDistribution', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		// The preview writes no tokens: its link only shows where the real one goes.
		const { rows, names } = await planDistribution(ctx, options, async (addresses) => addresses.map(() => `${options.origin}/unsubscribe/…`));
		const [first] = rows;
		return first ? { mail: first.message, recipientName: names.get(first.recipientId!) ?? '', pending: rows.length } : null;
	});
}

type PlanOptions = Parameters<typeof queueDistribution>[0];

/** Who gets which message: shared by sending and its preview, so the preview cannot drift from what is sent. */
async function planDistribution(
	ctx: Parameters<Parameters<typeof runLetterCommand>[1]>[0],
	options: PlanOptions,
	unsubscribeLinks: (addresses: string[]) => Promise<string[]>
) {
	const { tx, letter } = ctx;
	const [coalition] = await tx.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, letter.coalitionId));
	// Queueings of one edition take turns on its row, so the second of two
	// simultaneous clicks sees the first one's messages and skips them.
	const [edition] = await tx
		.select()
		.from(editions)
		.where(and(eq(editions.id, options.editionId), eq(editions.letterId, letter.id)))
		.for('no key update');
	if (!edition) throw new AppError('invalid', m.sig_error_choose_edition());
	const pdfs = await tx
		.select({ id: publications.id, language: publications.language, title: publications.title })
		.from(publications)
		.where(eq(publications.editionId, edition.id))
		.orderBy(asc(publications.language));
	const primary = pdfs.find((p) => p.language === letter.primaryLanguage) ?? pdfs[0];
	if (!primary) throw new AppError('conflict', m.sig_error_edition_no_pdf());

	// Held until commit, so a recipient removed meanwhile is either skipped here or
	// removed after, with the message just queued for them cancelled.
	const everyone = await tx
		.select()
		.from(recipients)
		.where(eq(recipients.letterId, letter.id))
		.orderBy(asc(recipients.createdAt), asc(recipients.id))
		.for('key share');
	const withEmail = everyone.filter((r) => r.email);
	const existing = withEmail.length
		? await tx
				.select({ recipientId: outboxMessages.recipientId, toAddress: outboxMessages.toAddress })
				.from(outboxMessages)
				.where(
					and(
						eq(outboxMessages.editionId, edition.id),
						eq(outboxMessages.kind, 'distribution'),
						inArray(outboxMessages.status, ['pending', 'sent'])
					)
				)
		: [];
	const taken = new Set(existing.map((m) => m.recipientId).filter((id): id is string => id !== null));
	const takenAddresses = new Set(existing.map((m) => m.toAddress.toLowerCase()));

	const suppressed = await suppressedAddresses(withEmail.map((r) => r.email!), tx);
	const targets: typeof withEmail = [];
	let unsubscribed = 0;
	for (const recipient of withEmail) {
		const address = recipient.email!.toLowerCase();
		if (taken.has(recipient.id) || takenAddresses.has(address)) continue;
		takenAddresses.add(address);
		if (suppressed.has(address)) {
			unsubscribed += 1;
			continue;
		}
		targets.push(recipient);
	}
	// AV6: refused whole, before anything is queued, when a new or small coalition would go over its limits.
	await requireDailyBudget(tx, { coalitionId: letter.coalitionId, letterId: letter.id, messages: targets.length });
	const links = await unsubscribeLinks(targets.map((r) => r.email!));
	const { mailComplaintsAddress } = settings();
	const rows: QueuedMail[] = targets.map((recipient, i) => {
		const pdf = pdfs.find((p) => p.language === recipient.language) ?? primary;
		const unsubscribeUrl = links[i]!;
		const mail = distributionMail(recipient.email!, {
			recipientName: recipient.name,
			coverMessage: options.coverMessage,
			title: pdf.title,
			editionNumber: edition.number,
			letterDate: edition.letterDate,
			signatureCount: edition.signatureCount,
			coalition: coalition?.name ?? '',
			verificationUrl: `${options.origin}/verify/${edition.code}`,
			verificationCode: edition.code,
			unsubscribeUrl,
			complaintsAddress: mailComplaintsAddress
		}, localeOfLanguage(recipient.language));
		return { kind: 'distribution', message: mail, letterId: letter.id, recipientId: recipient.id, editionId: edition.id, attachmentPublicationId: pdf.id, unsubscribeUrl };
	});
	const names = new Map(everyone.map((r) => [r.id, r.name]));
	return { rows, edition, withEmail, everyone, names, unsubscribed };
}

/** The editions a coordinator can send, newest first, with the languages each was published in. */
export async function listSendableEditions(letterId: string) {
	const rows = await db()
		.select({ id: editions.id, number: editions.number, letterDate: editions.letterDate, publishedAt: editions.publishedAt, language: publications.language })
		.from(editions)
		.leftJoin(publications, eq(publications.editionId, editions.id))
		.where(eq(editions.letterId, letterId))
		.orderBy(asc(editions.number), asc(publications.language));
	const byId = new Map<string, { id: string; number: number; letterDate: string; publishedAt: Date; languages: string[] }>();
	for (const row of rows) {
		const edition = byId.get(row.id) ?? { id: row.id, number: row.number, letterDate: row.letterDate, publishedAt: row.publishedAt, languages: [] };
		if (row.language) edition.languages.push(row.language);
		byId.set(row.id, edition);
	}
	return [...byId.values()].reverse();
}
