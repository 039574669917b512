import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { db } from '../../src/lib/server/db';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Everything the server writes to the console while `run` runs. */
async function captureLog(run: () => Promise<void>): Promise<string> {
	const lines: string[] = [];
	const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
	vi.spyOn(console, 'error').mockImplementation(keep);
	vi.spyOn(console, 'warn').mockImplementation(keep);
	vi.spyOn(console, 'log').mockImplementation(keep);
	try {
		await run();
	} finally {
		vi.restoreAllMocks();
	}
	return lines.join('\n');
}

describe(`the route edge (${DATABASE_KIND})`, () => {
	it('PR6: a database error during sign-up logs an id, the route and the SQL state, never the e-mail, the name or the hash', async () => {
		// Every new account is refused by the database itself, as a failing disk or a bad migration would.
		await db().execute(sql.raw('alter table users add constraint test_refuse_all check (false) not valid'));
		const email = 'leaky.person@example.org';
		const name = 'Secret Name Xylophone';
		let response: Awaited<ReturnType<TestClient['post']>> | undefined;
		try {
			const log = await captureLog(async () => {
				response = await new TestClient(app).post('/sign-up', { name, email, password: 'a long enough passphrase 42', confirm: 'a long enough passphrase 42' });
			});
			expect(response!.status).toBe(500);
			expect(log).toMatch(/"errorId":"[a-z0-9]{10}"/);
			expect(log).toContain('"route":"/sign-up"');
			expect(log).toContain('"sqlState":"23514"');
			for (const secret of [email, 'leaky.person', name, 'Xylophone', '$argon2', 'a long enough passphrase', 'insert into']) {
				expect(log).not.toContain(secret);
			}
			// AV4: the page shows only the reference.
			expect(pageText(response!.text)).not.toContain('test_refuse_all');
		} finally {
			await db().execute(sql.raw('alter table users drop constraint test_refuse_all'));
		}
	});

	it('AV2: a throttled sign-in answers 429 with Retry-After', async () => {
		const user = await createUser();
		let last: Awaited<ReturnType<TestClient['post']>> | undefined;
		for (let i = 0; i < 11; i++) last = await new TestClient(app).post('/sign-in', { email: user.email, password: `wrong-${i}-password` });
		expect(last!.status).toBe(429);
		const seconds = Number(last!.headers.get('retry-after'));
		expect(seconds).toBeGreaterThan(0);
		expect(seconds).toBeLessThanOrEqual(15 * 60);
		const right = await new TestClient(app).post('/sign-in', { email: user.email, password: PASSWORD });
		expect(right.status).toBe(429);
		expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('a successful POST ends in 303 and the page shows its message after the redirect', async () => {
		const user = await createUser({ name: 'Before' });
		const client = new TestClient(app);
		await client.post('/sign-in', { email: user.email, password: PASSWORD });
		const saved = await client.post('/account?/name', { name: 'After' });
		expect(saved.status).toBe(303);
		expect(saved.location).toBe('/account?done=nameSaved');
		expect(pageText((await client.follow(saved)).text)).toContain('Your name was saved.');
		const refused = await client.post('/account?/name', { name: 'Bad\u0000Name' });
		expect(refused.status).toBe(400);
		expect(pageText(refused.text)).toContain('cannot be stored');
	});

	it('ORIGIN: the built server refuses to start without it, naming the setting', () => {
		const build = process.env.UNDERSIGNED_TEST_BUILD;
		if (!build) throw new Error('global-setup did not build the app');
		const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-origin-')) };
		// Synchronous on purpose: the child needs nothing from this process, and the result is all we want.
		const result = spawnSync(process.execPath, [path.join(build, 'index.js')], { env, encoding: 'utf8', timeout: 30_000 });
		const code = result.status;
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
		expect(code).toBe(1);
		expect(output).toContain('ORIGIN');
		expect(output).toContain('cannot start');
	});
});
