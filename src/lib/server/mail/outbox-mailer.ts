import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { settings } from '../env';
import { keepInDevMailbox } from './dev-mailbox';

/** One outbox message as it goes on the wire. */
export interface OutboxMail {
	/** The outbox row's id: the Message-ID is made from it. */
	id: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	attachment?: { filename: string; content: Buffer };
	/** AV6: the unsubscribe link, sent as List-Unsubscribe and in the text. */
	unsubscribeUrl?: string | null;
}

/** What the receiving server said, for the delivery record (no addresses). */
export interface SendResult {
	response: string;
}

export type OutboxSender = (mail: OutboxMail) => Promise<SendResult>;

/**
 * The same Message-ID on every attempt, so a message re-sent after a worker died
 * between the server's "250 OK" and our "sent" mark is recognisable as the same
 * message by the receiving servers and mail clients (RFC 5322 section 3.6.4).
 */
export function outboxMessageId(outboxId: string, mailFrom = settings().mailFrom): string {
	const domain = /@([A-Za-z0-9.-]{1,253})>?\s*$/.exec(mailFrom.slice(0, 320))?.[1] ?? 'undersigned.localhost';
	return `<outbox.${outboxId}@${domain}>`;
}

/*
 * Each stage of an SMTP conversation has a bound, so a hung server turns into a
 * failed attempt (and a retry); the worker renews its lease meanwhile (keepLease).
 */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, dnsTimeout: 30_000 };

const transporters = new Map<string, Transporter>();

function transporterFor(url: string): Transporter {
	let transporter = transporters.get(url);
	if (!transporter) {
		transporter = nodemailer.createTransport({ url, ...TIMEOUTS });
		transporters.set(url, transporter);
	}
	return transporter;
}

/**
 * RFC 2369 List-Unsubscribe: mail programs show it as an "Unsubscribe" link, which
 * opens our page with its one button. No List-Unsubscribe-Post (RFC 8058): a mail
 * provider's one-click POST comes from another site without an Origin, and CS1 keeps
 * SvelteKit's origin check on for every form POST, so that POST would be refused.
 * Enabling it needs a decision on CS1 (see README, "Sending limits and unsubscribes").
 */
export function unsubscribeHeaders(url: string | null | undefined): Record<string, string> {
	if (!url) return {};
	return { 'List-Unsubscribe': `<${url}>` };
}

/**
 * A sender that speaks SMTP to `url`, attachments included. With MAIL_BOUNCE_ADDRESS
 * set, it is the envelope sender (MAIL FROM, which the receiving server records as
 * Return-Path), so bounces go there rather than to the From address.
 */
export function createSmtpSender(url: string, mailFrom = settings().mailFrom, bounceAddress = settings().mailBounceAddress): OutboxSender {
	return async (mail) => {
		const info = await transporterFor(url).sendMail({
			from: mailFrom,
			...(bounceAddress ? { envelope: { from: bounceAddress, to: mail.to } } : {}),
			headers: unsubscribeHeaders(mail.unsubscribeUrl),
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			messageId: outboxMessageId(mail.id, mailFrom),
			attachments: mail.attachment
				? [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/pdf', contentDisposition: 'attachment' }]
				: []
		});
		return { response: String(info.response ?? '').slice(0, 200) };
	};
}

/** The one transport: SMTP when SMTP_URL is set, else the development mailbox (DATA_DIR/mail, shown at /dev/mail). */
export const sendOutboxMail: OutboxSender = (mail) => {
	const { smtpUrl } = settings();
	if (smtpUrl) return createSmtpSender(smtpUrl)(mail);
	const { mailFrom } = settings();
	return keepInDevMailbox({ ...mail, from: mailFrom, messageId: outboxMessageId(mail.id, mailFrom) }).then(() => ({ response: 'kept in the development mailbox (no SMTP_URL)' }));
};

/*
 * A download name must not carry path separators, quotes, line breaks or control
 * characters into a header or a file system; nodemailer then encodes what is left
 * (RFC 2231) when it is not plain ASCII.
 */
// eslint-disable-next-line no-control-regex -- control characters are what we strip
const UNSAFE_IN_FILENAME = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069"*/:<>?\\|]/g;

export function attachmentFilename(title: string, language: string): string {
	const cleaned = title.slice(0, 400).normalize('NFC').replace(UNSAFE_IN_FILENAME, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
	const short = [...cleaned].slice(0, 100).join('').trim();
	const lang = language.replace(/[^A-Za-z0-9-]/g, '').slice(0, 20);
	return `${short || 'Open letter'}${lang ? ` (${lang})` : ''}.pdf`;
}
