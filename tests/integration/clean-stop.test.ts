import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KIND } from '../helpers/database';
import { openDatabase } from '../../src/lib/server/db';
import { outboxMessages } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';

const MIGRATIONS = path.resolve('drizzle');
const MESSAGES = 20;

/** A mail server that counts what it accepts and can hold the next message's "250 OK" until told. */
class HoldingSmtp {
	readonly received = new Map<string, number>();
	holdNext = false;
	held: (() => void) | undefined;
	private constructor(
		private readonly server: SMTPServer,
		readonly url: string
	) {}

	static start(): Promise<HoldingSmtp> {
		return new Promise((resolve, reject) => {
			let smtp: HoldingSmtp;
			const server = new SMTPServer({
				authOptional: true,
				disabledCommands: ['STARTTLS'],
				logger: false,
				onData(stream, session, callback) {
					stream.resume();
					stream.on('end', () => {
						const accept = () => {
							for (const rcpt of session.envelope.rcptTo) smtp.received.set(rcpt.address, (smtp.received.get(rcpt.address) ?? 0) + 1);
							callback();
						};
						if (!smtp.holdNext) return accept();
						smtp.holdNext = false;
						smtp.held = accept;
					});
				}
			});
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.server.address();
				if (!address || typeof address === 'string') return reject(new Error('no SMTP port'));
				smtp = new HoldingSmtp(server, `smtp://127.0.0.1:${address.port}`);
				resolve(smtp);
			});
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

let smtp: HoldingSmtp;
let dataDir: string;
let databaseUrl: string | undefined;
let output = '';

/** The database the built server will use: PGlite in a folder of its own, or a PostgreSQL database of its own. */
async function prepareDatabase() {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-stop-'));
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		// Named like the run's other databases, so global teardown drops it.
		const name = `us_test_${process.env.UNDERSIGNED_TEST_RUN ?? 'adhoc'}_stop_${process.pid}`.toLowerCase();
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists "${name}"`);
		await admin.unsafe(`create database "${name}"`);
		await admin.end();
		const own = new URL(url);
		own.pathname = `/${name}`;
		databaseUrl = own.href;
	}
	return openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : path.join(dataDir, 'pglite'), migrationsDir: MIGRATIONS });
}

function startServer(): ChildProcess {
	const build = process.env.UNDERSIGNED_TEST_BUILD;
	if (!build) throw new Error('global-setup did not build the app');
	// Only what a deployment would set: the test process's own variables (Vitest's among them) stay out.
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: '0',
		ORIGIN: 'http://127.0.0.1:9',
		DATA_DIR: dataDir,
		SMTP_URL: smtp.url,
		SEED_DEMO: 'false'
	};
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	const child = spawn(process.execPath, [build], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const started = Date.now();
	const keep = (chunk: Buffer) => (output += `${Date.now() - started} ms: ${chunk.toString()}`);
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
	// 'close' rather than 'exit': it comes after the output pipes are drained.
	return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

beforeAll(async () => {
	smtp = await HoldingSmtp.start();
	const handle = await prepareDatabase();
	await handle.db.insert(outboxMessages).values(
		Array.from({ length: MESSAGES }, (_, i) => ({
			id: generateId(),
			kind: 'distribution',
			toAddress: `recipient${i}@example.org`,
			subject: `Open letter ${i}`,
			textBody: 'The letter is attached.',
			htmlBody: '<p>The letter is attached.</p>'
		}))
	);
	await handle.close();
});

afterAll(async () => {
	await smtp.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`a clean stop (${DATABASE_KIND})`, () => {
	it('SIGTERM during a distribution: the message being sent is finished, the process exits within 10 s, and after a restart nothing is lost or doubled', async () => {
		smtp.holdNext = true;
		const first = startServer();
		await until(() => smtp.held !== undefined, 'the first message to reach the mail server');
		const stopAt = Date.now();
		output += `SIGTERM\n`;
		first.kill('SIGTERM');
		// The server's answer to the message in flight comes only after the stop began.
		smtp.held!();
		const { code, signal } = await exited(first);
		output += `exit ${code} ${signal}\n`;
		expect(Date.now() - stopAt, output).toBeLessThan(10_000);
		expect(code, output).toBe(0);
		expect(output).toContain('stopped');
		const sentBeforeStop = smtp.received.size;
		expect(sentBeforeStop).toBeGreaterThanOrEqual(1);
		expect(sentBeforeStop).toBeLessThan(MESSAGES);

		const second = startServer();
		await until(() => smtp.received.size === MESSAGES, 'every message after the restart');
		second.kill('SIGTERM');
		expect((await exited(second)).code, output).toBe(0);

		for (let i = 0; i < MESSAGES; i++) expect(smtp.received.get(`recipient${i}@example.org`), `recipient${i}`).toBe(1);
		const handle = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : path.join(dataDir, 'pglite'), migrationsDir: MIGRATIONS });
		try {
			const rows = await handle.db.select({ status: outboxMessages.status, attempts: outboxMessages.attempts }).from(outboxMessages);
			expect(rows.map((r) => r.status)).toEqual(Array(MESSAGES).fill('sent'));
			// Messages handed back at the stop were not counted as attempts.
			expect(rows.every((r) => r.attempts === 1)).toBe(true);
		} finally {
			await handle.close();
		}
		// Two starts of the built server: a busy two-core machine needs more than the default 30 s.
	}, 120_000);
});
