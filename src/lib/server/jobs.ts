/**
 * The background work of one app server, all started here by the `init` hook
 * (src/hooks.server.ts) once the database is open, and all stopped here at shutdown before the
 * pool closes (so the process can end with exit code 0):
 *
 * | job                      | module                         | runs                                      |
 * | ------------------------ | ------------------------------ | ----------------------------------------- |
 * | tile data version poll   | tiles/version.ts               | every second (tile cells folded every 30 s) |
 * | coverage refresh         | stats/coverage.ts              | every second                              |
 * | retention                | retention/job.ts               | 5 s after start, then every 15 minutes    |
 * | half-written photo files | storage `cleanTemporaryFiles`  | at start, then every hour                 |
 *
 * Every job is safe to run on several app servers at once. (The read replicas' lag poll belongs
 * to the database handle, db/instance.ts: it decides where reads go and closes with the pools.)
 */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import { log } from './log';
import { RETENTION_INTERVAL_MS, runRetention } from './retention/job';
import { coverageJob } from './stats/coverage';
import type { PhotoStorage } from './storage';
import { tileServer } from './tiles/index';

/** The first retention pass waits this long: start-up (migrations, caches) comes first. */
const RETENTION_FIRST_MS = 5_000;
/**
 * Temporary files are left only by a crash between a write and its rename; the walk of the photo
 * directory is costly on a large one, and files are removed only after an hour anyway.
 */
const TEMPORARY_FILES_INTERVAL_MS = 60 * 60_000;

interface Job {
	stop(): void | Promise<void>;
}

let running: Job[] = [];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `work` after `firstMs`, then every `intervalMs`, one run at a time; the timers do not keep the
 * process alive, and stopping waits for a run in progress.
 */
function every(intervalMs: number, firstMs: number, work: () => Promise<void>): Job {
	let current: Promise<void> | undefined;
	const run = () => {
		current ??= work().finally(() => (current = undefined));
	};
	const first = setTimeout(run, firstMs);
	const timer = setInterval(run, intervalMs);
	first.unref();
	timer.unref();
	return {
		async stop() {
			clearTimeout(first);
			clearInterval(timer);
			await current;
		}
	};
}

export function startJobs(db: Kysely<DB>, storage: PhotoStorage): void {
	if (running.length > 0) return;

	// A moderator's approval reaches this server's tiles within about a second.
	const { version } = tileServer();
	version.start();

	// Keeps the coverage statistics up to date (migrations/0008_area_coverage.sql).
	const coverage = coverageJob(db);
	coverage.start();

	const retention = every(RETENTION_INTERVAL_MS, RETENTION_FIRST_MS, () =>
		runRetention(db, storage)
			.then((result) => {
				if (Object.values(result).some((count) => count > 0)) log.info('retention', { ...result });
			})
			.catch((error) => log.warn('retention failed', { error: message(error) }))
	);

	// At start: what a killed predecessor was writing, at once; later: anything older than an hour.
	let startup = true;
	const temporaryFiles = every(TEMPORARY_FILES_INTERVAL_MS, 0, async () => {
		const options = { startup };
		startup = false;
		try {
			const removed = (await storage.cleanTemporaryFiles?.(options)) ?? 0;
			if (removed > 0) log.info('removed half-written photo files', { removed, ...options });
		} catch (error) {
			log.warn('cleaning temporary photo files failed', { error: message(error) });
		}
	});

	running = [version, coverage, retention, temporaryFiles];
}

/** Stops every job (at shutdown, before the database closes); resolves once none is running. */
export async function stopJobs(): Promise<void> {
	const stopping = running;
	running = [];
	await Promise.all(stopping.map((job) => job.stop()));
}
