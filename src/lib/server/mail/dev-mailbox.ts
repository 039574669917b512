import fs from 'node:fs/promises';
import path from 'node:path';
import { settings } from '../env';
import { generateId } from '../crypto';

/** One composed message, before it is queued. */
export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
}

/** A message as kept on disk when no SMTP_URL is set, and shown at /dev/mail. */
export interface StoredMail extends MailMessage {
	id: string;
	from: string;
	date: string;
	messageId?: string;
	attachments?: { filename: string; contentType: string; size: number }[];
}

export function mailDir(): string {
	return path.join(settings().dataDir, 'mail');
}

/**
 * The development mailbox: without SMTP_URL the outbox's one transport writes each
 * message here (and its PDF beside it), and /dev/mail shows them.
 */
export async function keepInDevMailbox(
	mail: MailMessage & { messageId: string; from: string; attachment?: { filename: string; content: Buffer } }
): Promise<void> {
	const id = `${Date.now()}-${generateId()}`;
	const stored: StoredMail = {
		id,
		from: mail.from,
		date: new Date().toISOString(),
		to: mail.to,
		subject: mail.subject,
		text: mail.text,
		html: mail.html,
		messageId: mail.messageId,
		attachments: mail.attachment ? [{ filename: mail.attachment.filename, contentType: 'application/pdf', size: mail.attachment.content.length }] : []
	};
	await fs.mkdir(mailDir(), { recursive: true });
	if (mail.attachment) await fs.writeFile(path.join(mailDir(), `${id}.pdf`), mail.attachment.content);
	await fs.writeFile(path.join(mailDir(), `${id}.json`), JSON.stringify(stored, null, 2));
}

/** Newest first; for the development mailbox. */
export async function listStoredMail(): Promise<StoredMail[]> {
	let names: string[];
	try {
		names = await fs.readdir(mailDir());
	} catch {
		return [];
	}
	const files = names.filter((name) => name.endsWith('.json')).sort().reverse().slice(0, 200);
	const messages = await Promise.all(
		files.map(async (name) => JSON.parse(await fs.readFile(path.join(mailDir(), name), 'utf8')) as StoredMail)
	);
	return messages;
}

export async function readStoredMail(id: string): Promise<StoredMail | undefined> {
	if (!/^[0-9]+-[a-z0-9]+$/.test(id)) return undefined;
	try {
		return JSON.parse(await fs.readFile(path.join(mailDir(), `${id}.json`), 'utf8')) as StoredMail;
	} catch {
		return undefined;
	}
}
