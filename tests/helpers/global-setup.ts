import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

/** Each run builds into its own folder, so parallel runs never race (removed at the end). */
const RUNS_DIR = path.resolve('.svelte-kit/test');

/**
 * Gives this run an id, so every worker's PostgreSQL database is named after it,
 * and drops those databases when the run ends. Runs never collide.
 */
export async function setup() {
	const run = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
	process.env.UNDERSIGNED_TEST_RUN = run;
	const kitDir = path.join(RUNS_DIR, run);
	const buildDir = path.join(kitDir, 'build');
	process.env.SEED_DEMO = 'false';
	// Form actions are tested against the production build: only there does SvelteKit
	// run its CSRF origin check, and adapter-node its client-address and body-size rules.
	execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, UNDERSIGNED_BUILD_DIR: buildDir, UNDERSIGNED_KIT_DIR: path.relative(process.cwd(), kitDir) }
	});
	process.env.UNDERSIGNED_TEST_BUILD = buildDir;
}

export async function teardown() {
	const run = process.env.UNDERSIGNED_TEST_RUN;
	if (run) fs.rmSync(path.join(RUNS_DIR, run), { recursive: true, force: true });
	await dropDatabases();
}

async function dropDatabases() {
	const url = process.env.TEST_DATABASE_URL;
	const run = process.env.UNDERSIGNED_TEST_RUN;
	if (!url || !run) return;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`us_test_${run}_%`}`;
		for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
	} finally {
		await admin.end({ timeout: 5 });
	}
}
