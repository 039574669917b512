import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { settings } from '../env';
import { generateId } from '../crypto';
import { log } from '../log';

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
}

let transporter: Transporter | undefined;

function smtp(url: string): Transporter {
	transporter ??= nodemailer.createTransport(url);
	return transporter;
}

export function mailDir(): string {
	return path.join(settings().dataDir, 'mail');
}

/** Sends one message now: over SMTP when SMTP_URL is set, else into DATA_DIR/mail/. */
export async function sendMail(message: MailMessage): Promise<void> {
	const { smtpUrl, mailFrom } = settings();
	if (smtpUrl) {
		await smtp(smtpUrl).sendMail({ from: mailFrom, ...message });
		return;
	}
	const stored: StoredMail = { id: `${Date.now()}-${generateId()}`, from: mailFrom, date: new Date().toISOString(), ...message };
	await fs.mkdir(mailDir(), { recursive: true });
	await fs.writeFile(path.join(mailDir(), `${stored.id}.json`), JSON.stringify(stored, null, 2));
}

/**
 * Sends without making the request wait. Used where the answer must not reveal,
 * by its timing, whether a message went out (AU1). Failures are logged.
 */
export function sendMailInBackground(message: MailMessage): void {
	sendMail(message).catch((error: unknown) => {
		log.error('mail delivery failed', { subject: message.subject, error: String(error) });
	});
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
