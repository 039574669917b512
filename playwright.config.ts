import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * Browser tests (`npm run test:e2e`): the built server and a mail capture as web
 * servers, Debian's Chromium, every journey with JavaScript on and off.
 *
 * This file is read by the runner and again by every worker. Ports are chosen once,
 * by the runner, and handed on through the environment, which the web servers and
 * the workers inherit; set E2E_PORT, E2E_SMTP_PORT or E2E_MAIL_PORT to pin them.
 */

/** A port that was free a moment ago (synchronous, since the config must be). */
function freePort(): string {
	const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
	return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

for (const name of ['E2E_PORT', 'E2E_SMTP_PORT', 'E2E_MAIL_PORT']) process.env[name] ||= freePort();
const origin = `http://localhost:${process.env.E2E_PORT}`;
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT}`;
process.env.E2E_MAIL_URL = mailUrl;
// The instance administrator's address (INSTANCE_ADMIN_EMAILS of the app server): new
// for each run, so that a database kept between runs (E2E_DATABASE_URL) has no such account yet.
process.env.E2E_INSTANCE_ADMIN ||= `instance-admin.${Date.now().toString(36)}@example.org`;

/** Debian's Chromium; Playwright never downloads a browser of its own here. */
const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots, traces, PDFs and the server's log; CI gives each database its own. */
const outputDir = process.env.E2E_OUTPUT_DIR ?? 'test-results';
const reportDir = process.env.E2E_REPORT_DIR ?? 'playwright-report';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	outputDir,
	// Each journey creates its own people and organisations, so journeys run side by
	// side; two workers for a two-core machine that also runs the server.
	fullyParallel: true,
	workers: Number(process.env.E2E_WORKERS) || 2,
	forbidOnly: true,
	retries: 0,
	timeout: 5 * 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['html', { open: 'never', outputFolder: reportDir }]],
	use: {
		baseURL: origin,
		browserName: 'chromium',
		headless: true,
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		actionTimeout: 15_000,
		navigationTimeout: 20_000,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'js-on', use: { javaScriptEnabled: true } },
		{ name: 'js-off', use: { javaScriptEnabled: false } }
	],
	webServer: [
		{
			name: 'mail',
			command: 'node tests/e2e/support/mail-server.js',
			url: `${mailUrl}/health`,
			timeout: 30_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }
		},
		{
			name: 'app',
			command: 'node tests/e2e/support/app-server.js',
			url: origin,
			// A stale build is rebuilt first, which takes minutes on a busy machine.
			timeout: 6 * 60_000,
			stdout: 'pipe',
			env: { E2E_SERVER_LOG: path.resolve(outputDir, 'server.log') },
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
		}
	]
});
