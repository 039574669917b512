/**
 * The app for the browser tests, started by playwright.config.ts as a webServer:
 * builds when build/ is missing or older than the sources (so a local run never
 * tests yesterday's code; E2E_BUILD=always builds anyway), then runs the built
 * server (`node build`) on 127.0.0.1:E2E_PORT with SMTP to the mail capture, on a
 * fresh PGlite in a temporary DATA_DIR, or on PostgreSQL when E2E_DATABASE_URL is
 * set. The server's error output passes through to the test report; all of its
 * output is written to E2E_SERVER_LOG when it stops. SIGTERM stops it and removes
 * the temporary DATA_DIR.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The project's root: tests/e2e/support/ is three levels below it. */
const ROOT = path.resolve(import.meta.dirname, '../../..');

const port = Number(process.env.E2E_PORT);
const smtpPort = Number(process.env.E2E_SMTP_PORT);
if (!port || !smtpPort) throw new Error('Set E2E_PORT and E2E_SMTP_PORT (playwright.config.ts does).');
const databaseUrl = process.env.E2E_DATABASE_URL || undefined;
const logFile = process.env.E2E_SERVER_LOG;

/**
 * The newest modification time among the files the build is made from.
 * @param {string} dir
 * @returns {number}
 */
function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
		if (time > newest) newest = time;
	}
	return newest;
}

function buildIfStale() {
	const marker = path.join(ROOT, 'build', 'handler.js');
	let stale = process.env.E2E_BUILD === 'always' || !fs.existsSync(marker);
	if (!stale) {
		const built = fs.statSync(marker).mtimeMs;
		const sources = ['src', 'static'].map((d) => newestMtime(path.join(ROOT, d)));
		const files = ['package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs);
		stale = Math.max(...sources, ...files) > built;
	}
	if (!stale) return;
	console.error('e2e: build/ is missing or older than the sources: npm run build');
	const started = Date.now();
	// Its output is shown only when it fails, to keep the test report readable.
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		console.error(`npm run build failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
		process.exit(1);
	}
	console.error(`e2e: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

buildIfStale();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-e2e-'));
const origin = `http://localhost:${port}`;
/** @type {NodeJS.ProcessEnv} */
const env = {
	...process.env,
	NODE_ENV: 'production',
	PORT: String(port),
	HOST: '127.0.0.1',
	ORIGIN: origin,
	SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
	DATA_DIR: dataDir,
	SEED_DEMO: 'false',
	// The one administrator of the instance (/admin), chosen by playwright.config.ts.
	INSTANCE_ADMIN_EMAILS: process.env.E2E_INSTANCE_ADMIN ?? '',
	// Each browser context sends an address of its own (fixtures.ts, newSide).
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1'
};
delete env.DATABASE_URL;
if (databaseUrl) env.DATABASE_URL = databaseUrl;

/** @type {string[]} */
const output = [];
const child = spawn(process.execPath, ['build'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.on('data', (/** @type {Buffer} */ chunk) => output.push(chunk.toString()));
child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
	output.push(chunk.toString());
	process.stderr.write(chunk);
});
console.log(`e2e: node build at ${origin}, ${databaseUrl ? 'PostgreSQL (E2E_DATABASE_URL)' : `PGlite in ${dataDir}`}, SMTP to port ${smtpPort}`);

function cleanUp() {
	if (logFile) {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		fs.writeFileSync(logFile, output.join(''));
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
}

let stopping = false;
child.once('exit', (code, signal) => {
	cleanUp();
	if (!stopping) console.error(`e2e: node build exited early (${code ?? signal}):\n${output.join('').split('\n').slice(-40).join('\n')}`);
	process.exit(stopping ? 0 : 1);
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.once(signal, () => {
		stopping = true;
		child.kill('SIGTERM');
		// Stopped for good after 5 s; its exit handler above cleans up.
		setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
	});
}
