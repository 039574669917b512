/**
 * The mail capture for the browser tests, started by playwright.config.ts as a
 * webServer: a real SMTP server on 127.0.0.1:E2E_SMTP_PORT that the built app
 * sends to, and a small HTTP server on 127.0.0.1:E2E_MAIL_PORT from which the test
 * workers (separate processes) read what arrived.
 *
 *   GET /health                              200 once both servers listen
 *   GET /messages                            every message so far, as JSON
 *   GET /wait?to=ADDRESS&subject=TEXT&timeout=MS
 *       the first message (received already or arriving within MS) sent to ADDRESS
 *       whose subject contains TEXT; 404 with the messages seen when none comes.
 *
 * Waiting is answered by the arrival itself, not by polling, so a test waits no
 * longer than the mail takes.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/**
 * @typedef {object} ReceivedMail
 * @property {string[]} to       envelope recipients, lower-cased
 * @property {string} subject
 * @property {string} text       the plain-text part
 * @property {string} html       the HTML part ('' when none)
 */

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAIL_PORT);
if (!smtpPort || !httpPort) throw new Error('Set E2E_SMTP_PORT and E2E_MAIL_PORT (playwright.config.ts does).');

/** @type {ReceivedMail[]} */
const messages = [];
const arrivals = new EventEmitter();
arrivals.setMaxListeners(0);

const smtp = new SMTPServer({
	disabledCommands: ['STARTTLS'],
	authOptional: true,
	logger: false,
	onData(stream, session, callback) {
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
				messages.push(mail);
				arrivals.emit('mail', mail);
				callback();
			})
			.catch((/** @type {Error} */ error) => callback(error));
	}
});

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/**
 * @param {URLSearchParams} query
 * @param {http.ServerResponse} res
 */
function wait(query, res) {
	const address = (query.get('to') ?? '').toLowerCase();
	const subject = query.get('subject') ?? '';
	const timeout = Math.min(Number(query.get('timeout')) || 15_000, 120_000);
	/** @param {ReceivedMail} mail */
	const matches = (mail) => mail.to.includes(address) && mail.subject.includes(subject);
	const found = messages.find(matches);
	if (found) return json(res, 200, found);
	/** @param {ReceivedMail} mail */
	const onMail = (mail) => {
		if (!matches(mail)) return;
		clearTimeout(timer);
		arrivals.off('mail', onMail);
		json(res, 200, mail);
	};
	const timer = setTimeout(() => {
		arrivals.off('mail', onMail);
		json(res, 404, { seen: messages.map((m) => `${m.to.join(',')}: ${m.subject}`) });
	}, timeout);
	arrivals.on('mail', onMail);
	res.once('close', () => {
		clearTimeout(timer);
		arrivals.off('mail', onMail);
	});
}

const api = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (req.method !== 'GET') return json(res, 405, { error: 'GET only' });
	if (url.pathname === '/health') return json(res, 200, { messages: messages.length });
	if (url.pathname === '/messages') return json(res, 200, messages);
	if (url.pathname === '/wait') return wait(url.searchParams, res);
	json(res, 404, { error: 'no such endpoint' });
});

smtp.listen(smtpPort, '127.0.0.1', () => {
	api.listen(httpPort, '127.0.0.1', () => {
		console.log(`mail capture: SMTP on 127.0.0.1:${smtpPort}, messages on http://127.0.0.1:${httpPort}`);
	});
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.once(signal, () => {
		api.closeAllConnections();
		api.close();
		smtp.close(() => process.exit(0));
	});
}
