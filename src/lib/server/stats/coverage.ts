/**
 * Coverage per area (the share inside camera view) is kept in cells by the database
 * (migrations/0008_area_coverage.sql): camera changes mark grid squares, and
 * `coverage_refresh(n)` recomputes marked squares. This module runs that function: once from a
 * test or the CLI (`refreshCoverage`, until nothing is left), and in every app server about once
 * a second (`coverageJob`), so an approval reaches the statistics within a few seconds. Several
 * app servers may run the job; an advisory lock lets one of them work at a time.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { log } from '../log';
import { PollLoop } from '../poll';
import { coverageBehind, refreshCoverageBatch } from './repository';

/** Squares per transaction: a square is one union of the cones in it (a few ms at city densities). */
export const SQUARES_PER_BATCH = 100;
export const POLL_MS = 1000;
/** One tick works at most this long, then leaves the rest for the next tick. */
export const TICK_BUDGET_MS = 3000;

/**
 * Recomputes batches until nothing is left or `budgetMs` has passed; returns the squares done
 * here. With no budget it runs until everything is up to date (tests, the CLI after a bulk
 * import), waiting while another server's job holds the lock.
 */
export async function refreshCoverage(db: Kysely<DB>, budgetMs = Infinity): Promise<number> {
	const started = performance.now();
	let total = 0;
	while (performance.now() - started <= budgetMs) {
		const done = await refreshCoverageBatch(db, SQUARES_PER_BATCH);
		total += done;
		if (done > 0) continue;
		if (budgetMs !== Infinity || !(await coverageBehind(db))) break;
		// Another server is at it (or has just marked more): look again shortly.
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return total;
}

/** The background job of one app server (started and stopped by jobs.ts). */
export function coverageJob(db: Kysely<DB>): PollLoop {
	return new PollLoop(
		POLL_MS,
		async () => {
			const done = await refreshCoverage(db, TICK_BUDGET_MS);
			if (done > 0) log.debug('coverage refreshed', { squares: done });
		},
		{ failed: 'coverage refresh failed', recovered: 'coverage refresh works again' }
	);
}
