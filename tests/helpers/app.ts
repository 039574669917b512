import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { testDatabase } from './database';
import { TestMailServer } from './mail';
import { testSealFiles } from './seal';

export interface TestApp {
	origin: string;
	mail: TestMailServer;
}

export const TEST_INSTANCE_ADMIN = 'instance-admin@undersigned.example';
export const TEST_BOUNCE_ADDRESS = 'bounces@undersigned.example';

const KEY = Symbol.for('undersigned.test.app');
const slots = globalThis as { [KEY]?: Promise<TestApp> };

/**
 * The production build (made once per run by global-setup.ts) served inside the test
 * process by adapter-node's own handler, so requests run through the real `handle`,
 * SvelteKit's CSRF check, cookies and form actions, against the worker's test
 * database (shared through globalThis) and a real SMTP server. One per worker.
 */
export function startTestApp(): Promise<TestApp> {
	slots[KEY] ??= (async () => {
		// AU6: TOTP keys are stored encrypted in the tests, as in production (set before
		// anything reads the settings).
		process.env.TOTP_ENCRYPTION_KEY ??= '7f'.repeat(32);
		// AV6: an instance administrator and the bounce and complaints addresses, as an
		// operator would set them (sending-limits.test.ts relies on these).
		process.env.INSTANCE_ADMIN_EMAILS ??= TEST_INSTANCE_ADMIN;
		process.env.MAIL_BOUNCE_ADDRESS ??= TEST_BOUNCE_ADDRESS;
		process.env.MAIL_COMPLAINTS_ADDRESS ??= 'abuse@undersigned.example';
		const mail = await TestMailServer.start();
		await testDatabase();
		const build = process.env.UNDERSIGNED_TEST_BUILD;
		if (!build) throw new Error('global-setup did not build the app');
		process.env.SMTP_URL = mail.url;
		process.env.SEED_DEMO = 'false';
		process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-test-'));
		// Issue 15: the built server seals with a key made for this run (see testSealFiles).
		Object.assign(process.env, testSealFiles(process.env.DATA_DIR));
		const server = http.createServer();
		// Idle keep-alive sockets stay open longer than any pause in a test, so the server
		// never closes one just as fetch reuses it (a sporadic ECONNRESET under load).
		server.keepAliveTimeout = 120_000;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		if (!address || typeof address === 'string') throw new Error('the test app has no port');
		const origin = `http://127.0.0.1:${address.port}`;
		process.env.ORIGIN = origin;
		const { handler } = (await import(/* @vite-ignore */ pathToFileURL(path.join(build, 'handler.js')).href)) as {
			handler: http.RequestListener;
		};
		server.on('request', handler);
		return { origin, mail };
	})();
	return slots[KEY];
}

export interface Response2 {
	status: number;
	location: string | null;
	headers: Headers;
	text: string;
}

/** A browser without JavaScript: keeps cookies, sends forms, follows nothing by itself. */
export class TestClient {
	readonly cookies = new Map<string, string>();
	constructor(
		readonly app: TestApp,
		private readonly headers: Record<string, string> = {}
	) {}

	private cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private remember(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	async request(method: string, pathname: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response2> {
		const response = await fetch(new URL(pathname, this.app.origin), {
			method,
			redirect: 'manual',
			body: init.body,
			headers: { accept: 'text/html', cookie: this.cookieHeader(), ...this.headers, ...init.headers }
		});
		this.remember(response);
		return { status: response.status, location: response.headers.get('location'), headers: response.headers, text: await response.text() };
	}

	get(pathname: string, headers: Record<string, string> = {}) {
		return this.request('GET', pathname, { headers });
	}

	/** Posts a form as a browser would, from this site (Origin header set). */
	post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
		return this.request('POST', pathname, {
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.app.origin, ...headers }
		});
	}

	/** Follows one redirect chain of GETs and returns the final page. */
	async follow(response: Response2): Promise<Response2 & { url: string }> {
		let current = response;
		let url = '';
		for (let i = 0; i < 10 && current.location; i++) {
			url = new URL(current.location, this.app.origin).pathname + new URL(current.location, this.app.origin).search;
			current = await this.get(url);
		}
		return { ...current, url };
	}
}

/** The text of a page with tags removed and entities decoded, for assertions. */
export function pageText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}
