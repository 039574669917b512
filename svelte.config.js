import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// The test suite builds into its own folders, so it never clobbers (or races) a
		// build or dev server you are running.
		adapter: adapter({ out: process.env.UNDERSIGNED_BUILD_DIR ?? 'build' }),
		outDir: process.env.UNDERSIGNED_KIT_DIR ?? '.svelte-kit',
		// CS1: SvelteKit refuses form posts from other origins; we keep that on and
		// never widen trustedOrigins.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
