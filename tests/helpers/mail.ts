import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
	to: string;
	subject: string;
	text: string;
	html: string;
}

const KEY = Symbol.for('undersigned.test.smtp');
const slots = globalThis as { [KEY]?: Promise<TestMailServer> };

/** A real SMTP server inside the test process; the app sends to it over SMTP_URL. */
export class TestMailServer {
	readonly messages: ReceivedMail[] = [];
	/** While true, every recipient is refused with a temporary error (451), as a server that is down for mail would. */
	refusing = false;
	private constructor(
		private readonly server: SMTPServer,
		readonly url: string
	) {}

	static start(): Promise<TestMailServer> {
		slots[KEY] ??= new Promise((resolve, reject) => {
			const received: ReceivedMail[] = [];
			let mail: TestMailServer | undefined;
			const server = new SMTPServer({
				authOptional: true,
				disabledCommands: ['STARTTLS'],
				logger: false,
				onRcptTo(address, _session, callback) {
					if (!mail?.refusing) return callback();
					callback(Object.assign(new Error(`<${address.address}>: service not available, try again later`), { responseCode: 451 }));
				},
				onData(stream, session, callback) {
					simpleParser(stream)
						.then((parsed) => {
							for (const rcpt of session.envelope.rcptTo) {
								received.push({
									to: rcpt.address.toLowerCase(),
									subject: parsed.subject ?? '',
									text: parsed.text ?? '',
									html: typeof parsed.html === 'string' ? parsed.html : ''
								});
							}
							callback();
						})
						.catch(callback);
				}
			});
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.server.address();
				if (!address || typeof address === 'string') return reject(new Error('no SMTP port'));
				mail = new TestMailServer(server, `smtp://127.0.0.1:${address.port}`);
				(mail as { messages: ReceivedMail[] }).messages = received;
				resolve(mail);
			});
		});
		return slots[KEY];
	}

	clear(): void {
		this.messages.length = 0;
		this.refusing = false;
	}

	/** Waits until a message to `to` (whose subject matches, if given) has arrived. */
	async waitFor(to: string, subject?: RegExp, timeoutMs = 10_000): Promise<ReceivedMail> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = [...this.messages].reverse().find((m) => m.to === to.toLowerCase() && (!subject || subject.test(m.subject)));
			if (found) return found;
			if (Date.now() > deadline) {
				throw new Error(`no mail to ${to}${subject ? ` matching ${subject}` : ''}; got: ${this.messages.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
			}
			await new Promise((r) => setTimeout(r, 20));
		}
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

export function linkIn(mail: ReceivedMail, path: string): string {
	const match = mail.text.match(new RegExp(`https?://[^\\s]+${path}[^\\s]*`));
	if (!match) throw new Error(`no ${path} link in mail: ${mail.text}`);
	return match[0];
}

export function codeIn(mail: ReceivedMail): string {
	const match = mail.text.match(/Your code: ([A-Z0-9]{8})/);
	if (!match?.[1]) throw new Error(`no code in mail: ${mail.text}`);
	return match[1];
}
