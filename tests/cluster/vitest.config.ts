import { defineConfig } from 'vitest/config';

// The scenarios record their numbers in a file of this suite's own (tests/reliability/results.ts).
process.env.NADZOR_RESULTS_SUITE = 'cluster';

/**
 * `npm run test:cluster`: several app servers behind nginx, a streaming replica, photos on an
 * S3-compatible server (tests/cluster/README.md). One scenario at a time, in order.
 */
export default defineConfig({
	test: {
		name: 'cluster',
		root: '.',
		environment: 'node',
		include: ['tests/cluster/**/*.test.ts'],
		globalSetup: ['tests/cluster/setup.ts'],
		fileParallelism: false,
		sequence: { concurrent: false },
		testTimeout: 1_800_000,
		hookTimeout: 300_000
	}
});
