import { EventEmitter } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/**
 * @typedef {object} ReceivedMail
 * @property {string[]} to       envelope recipients, lower-cased
 * @property {string} subject
 * @property {string} text       the plain-text part
 * @property {string} html       the HTML part ('' when none)
 */

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, so a test
 * can wait for "the next mail to this address" the way a person checks their inbox.
 */
export class Mailbox {
	/** @type {ReceivedMail[]} */
	messages = [];
	#events = new EventEmitter();
	/** @type {SMTPServer} */
	#server;

	constructor() {
		this.#server = new SMTPServer({
			disabledCommands: ['STARTTLS'],
			authOptional: true,
			logger: false,
			onData: (stream, session, callback) => {
				const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
				simpleParser(stream)
					.then((parsed) => {
						/** @type {ReceivedMail} */
						const mail = {
							to,
							subject: parsed.subject ?? '',
							text: parsed.text ?? '',
							html: typeof parsed.html === 'string' ? parsed.html : ''
						};
						this.messages.push(mail);
						this.#events.emit('mail', mail);
						callback();
					})
					.catch((/** @type {Error} */ error) => callback(error));
			}
		});
	}

	/** @returns {Promise<number>} the port it listens on */
	listen() {
		return new Promise((resolve, reject) => {
			this.#server.server.once('error', reject);
			this.#server.listen(0, '127.0.0.1', () => {
				const address = this.#server.server.address();
				if (!address || typeof address === 'string') reject(new Error('SMTP server has no port'));
				else resolve(address.port);
			});
		});
	}

	/** @returns {Promise<void>} */
	close() {
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}

	/**
	 * Resolves with the first message (already received or arriving later) sent to
	 * `to` whose subject contains `subject`; rejects after `timeoutMs`.
	 * @param {{ to: string; subject: string; timeoutMs?: number }} options
	 * @returns {Promise<ReceivedMail>}
	 */
	waitFor({ to, subject, timeoutMs = 15_000 }) {
		const address = to.toLowerCase();
		/** @param {ReceivedMail} mail */
		const matches = (mail) => mail.to.includes(address) && mail.subject.includes(subject);
		const found = this.messages.find(matches);
		if (found) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			/** @param {ReceivedMail} mail */
			const onMail = (mail) => {
				if (!matches(mail)) return;
				clearTimeout(timer);
				this.#events.off('mail', onMail);
				resolve(mail);
			};
			const timer = setTimeout(() => {
				this.#events.off('mail', onMail);
				const seen = this.messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ') || '(none)';
				reject(new Error(`No mail to ${to} with subject "${subject}" within ${timeoutMs} ms. Received:\n  ${seen}`));
			}, timeoutMs);
			this.#events.on('mail', onMail);
		});
	}
}

/**
 * The first link in a mail's text whose path starts with `pathPrefix`.
 * @param {ReceivedMail} mail
 * @param {string} pathPrefix e.g. '/verify-email/'
 */
export function linkIn(mail, pathPrefix) {
	const pattern = new RegExp(`https?://[^\\s/]+${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]+`);
	const match = mail.text.match(pattern);
	if (!match) throw new Error(`No link to ${pathPrefix}… in mail "${mail.subject}":\n${mail.text}`);
	return match[0];
}

/**
 * The code of a verification mail ("Your code: XXXXXXXX").
 * @param {ReceivedMail} mail
 */
export function codeIn(mail) {
	const match = mail.text.match(/^Your code: (\S+)$/m);
	if (!match?.[1]) throw new Error(`No code in mail "${mail.subject}":\n${mail.text}`);
	return match[1];
}
