import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A delivered message, parsed whole (headers, attachments, Message-ID), with its envelope. */
export type CapturedMail = ParsedMail & { envelopeFrom: string; envelopeTo: string };

/**
 * A real SMTP server inside the test process that keeps every delivered message, and
 * that can be told to refuse recipients with a temporary error, as a mail server
 * under load or greylisting does.
 */
export class CapturingSmtp {
	readonly messages: CapturedMail[] = [];
	refusing = false;
	private constructor(
		private readonly server: SMTPServer,
		readonly url: string
	) {}

	static start(): Promise<CapturingSmtp> {
		return new Promise((resolve, reject) => {
			let capture: CapturingSmtp;
			const server = new SMTPServer({
				authOptional: true,
				disabledCommands: ['STARTTLS'],
				logger: false,
				onRcptTo(address, _session, callback) {
					if (!capture.refusing) return callback();
					callback(Object.assign(new Error(`<${address.address}>: mailbox busy, try again later`), { responseCode: 451 }));
				},
				onData(stream, session, callback) {
					simpleParser(stream)
						.then((parsed) => {
							const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
							for (const rcpt of session.envelope.rcptTo) capture.messages.push({ ...parsed, envelopeFrom: from, envelopeTo: rcpt.address.toLowerCase() });
							callback();
						})
						.catch(callback);
				}
			});
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.server.address();
				if (!address || typeof address === 'string') return reject(new Error('no SMTP port'));
				capture = new CapturingSmtp(server, `smtp://127.0.0.1:${address.port}`);
				resolve(capture);
			});
		});
	}

	to(address: string): CapturedMail[] {
		return this.messages.filter((m) => m.envelopeTo === address.toLowerCase());
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}
