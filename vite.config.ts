import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * Test projects: `unit` (pure logic), `integration:embedded` (always) and
 * `integration:postgis` (when TEST_DATABASE_URL points at PostgreSQL + PostGIS). The two
 * integration projects run the same files, so every integration test runs on both backends.
 * `security:embedded` / `security:postgis` do the same for tests/security (headers, fuzzing,
 * sqlmap, body limits, path traversal against the built app).
 */
const integration = (backend: 'embedded' | 'postgis') => ({
	extends: './vite.config.ts',
	test: {
		name: `integration:${backend}`,
		environment: 'node',
		include: ['tests/integration/**/*.test.ts'],
		globalSetup: [`tests/integration/setup/${backend}.ts`],
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
const security = (backend: 'embedded' | 'postgis') => ({
	extends: './vite.config.ts',
	test: {
		name: `security:${backend}`,
		environment: 'node',
		include: ['tests/security/**/*.test.ts'],
		globalSetup: [`tests/integration/setup/${backend}.ts`],
		testTimeout: 180_000,
		hookTimeout: 120_000
	}
});

export default defineConfig({
	plugins: [
		sveltekit({
			preprocess: vitePreprocess(),
			adapter: adapter({ precompress: true }),
			// SvelteKit's own check (form posts only, refused with an English sentence) is off:
			// src/lib/server/auth/csrf.ts checks the Origin / Sec-Fetch-Site of every state-changing
			// request, refuses in the reader's language, and knows a local server's loopback names.
			csrf: { trustedOrigins: ['*'] },
			// Nothing is loaded from other hosts. Inline styles are allowed because MapLibre positions
			// its controls and popups with style attributes; scripts get hashes/nonces from SvelteKit.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'worker-src': ['self', 'blob:'],
					'child-src': ['self', 'blob:'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		})
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] }
			},
			integration('embedded'),
			security('embedded'),
			...(process.env.TEST_DATABASE_URL ? [integration('postgis'), security('postgis')] : [])
		]
	}
});
