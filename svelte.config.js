import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// SvelteKit's own check covers form posts only; src/hooks.server.ts adds the
		// Origin / Sec-Fetch-Site check for every state-changing request.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
