import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Compiles messages/ into src/lib/paraglide for build, dev and vitest (the PDF's labels).
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
		sveltekit()
	],
	server: { fs: { allow: ['drizzle'] } },
	test: {
		// `npm run bench` sets UNDERSIGNED_BENCH to run the benchmarks instead of the suite.
		include: process.env.UNDERSIGNED_BENCH ? ['tests/bench/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		// One PGlite (or one PostgreSQL database) per worker, shared by the files the
		// worker runs, so modules are not re-isolated per file.
		pool: 'forks',
		isolate: false,
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000,
		globalSetup: ['tests/helpers/global-setup.ts'],
		// The production build the tests serve is loaded by Node as it is, not
		// re-transformed (its *.svelte.js chunks would be compiled a second time).
		server: { deps: { external: [/\.svelte-kit\/test\//] } }
	}
});
