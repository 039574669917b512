import { execFileSync } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';

/** Where the suite's production build goes (see tests/helpers/app.ts). */
export const TEST_BUILD_DIR = path.resolve('.svelte-kit/test/build');

/**
 * Gives this run an id, so every worker's PostgreSQL database is named after it,
 * and drops those databases when the run ends. Runs never collide.
 */
export async function setup() {
	process.env.UNDERSIGNED_TEST_RUN = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
	process.env.SEED_DEMO = 'false';
	// Form actions are tested against the production build: only there does SvelteKit
	// run its CSRF origin check, and adapter-node its client-address and body-size rules.
	execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, UNDERSIGNED_BUILD_DIR: TEST_BUILD_DIR, UNDERSIGNED_KIT_DIR: '.svelte-kit/test' }
	});
	process.env.UNDERSIGNED_TEST_BUILD = TEST_BUILD_DIR;
}

export async function teardown() {
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
