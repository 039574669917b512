import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The project's root: tests/e2e/lib/ is three levels below it. */
export const ROOT = path.resolve(import.meta.dirname, '../../..');

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

/**
 * Builds with `npm run build` when build/ is missing or older than the sources
 * (so a local run never tests yesterday's code), or always when E2E_BUILD=always.
 * @returns {boolean} whether it built
 */
export function buildIfStale() {
	const marker = path.join(ROOT, 'build', 'handler.js');
	let stale = process.env.E2E_BUILD === 'always' || !fs.existsSync(marker);
	if (!stale) {
		const built = fs.statSync(marker).mtimeMs;
		const sources = ['src', 'static'].map((d) => newestMtime(path.join(ROOT, d)));
		const files = ['package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'].map(
			(f) => fs.statSync(path.join(ROOT, f)).mtimeMs
		);
		stale = Math.max(...sources, ...files) > built;
	}
	if (!stale) return false;
	console.log('# e2e: build/ is missing or older than the sources: npm run build');
	const started = Date.now();
	// Its output is shown only when it fails, to keep the test report readable.
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		throw new Error(`npm run build failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
	}
	console.log(`# e2e: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return true;
}

/** @returns {Promise<number>} a port that was free a moment ago */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address !== 'string') resolve(address.port);
				else reject(new Error('no port'));
			});
		});
	});
}

/**
 * The built server (`node build`) as a child process, with its output kept so a
 * failing run can show it.
 */
export class App {
	/** @type {import('node:child_process').ChildProcess | undefined} */
	#child;
	/** @type {string[]} */
	output = [];
	origin = '';

	/**
	 * Starts `node build` and resolves once it answers HTTP.
	 * @param {{ smtpPort: number; dataDir: string; databaseUrl?: string; timeoutMs?: number }} options
	 */
	async start({ smtpPort, dataDir, databaseUrl, timeoutMs = 60_000 }) {
		const port = await freePort();
		this.origin = `http://localhost:${port}`;
		/** @type {NodeJS.ProcessEnv} */
		const env = {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: this.origin,
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			DATA_DIR: dataDir,
			SEED_DEMO: 'false'
		};
		delete env.DATABASE_URL;
		if (databaseUrl) env.DATABASE_URL = databaseUrl;
		const child = spawn(process.execPath, ['build'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.#child = child;
		/** @param {Buffer} chunk */
		const keep = (chunk) => this.output.push(chunk.toString());
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		/** @type {Promise<never>} */
		const exited = new Promise((_, reject) => {
			child.once('exit', (code, signal) => reject(new Error(`node build exited early (${code ?? signal}):\n${this.log()}`)));
		});
		exited.catch(() => {});
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answered = await Promise.race([
				fetch(`${this.origin}/`, { redirect: 'manual' }).then(
					(res) => res.status < 500,
					() => false
				),
				exited
			]);
			if (answered) return;
			if (Date.now() > deadline) throw new Error(`node build did not answer within ${timeoutMs} ms:\n${this.log()}`);
			// Polling a starting server: wait a little before asking again.
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	log() {
		return this.output.join('');
	}

	/** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
	async stop() {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exit = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		await exit;
		clearTimeout(timer);
	}
}
