import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: the app under load and faults (tests/reliability/README.md).
 * One scenario at a time (they share two cores and a private PostgreSQL cluster).
 */
export default defineConfig({
	test: {
		name: 'reliability',
		root: '.',
		environment: 'node',
		include: ['tests/reliability/**/*.test.ts'],
		globalSetup: ['tests/reliability/setup.ts'],
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 120_000
	}
});
