/**
 * The app's one database handle, opened by the `init` hook before the first request:
 * open → migrate → seed demo data if the database is empty.
 */
import { config } from '../config';
import { log } from '../log';
import { openDatabase, type Database } from './index';
import { migrateToLatest } from './migrate';
import { seedDemoIfEmpty } from '../../../../seeds/demo';
import { CoverageJob } from '../stats/coverage';

let current: Database | undefined;
let coverage: CoverageJob | undefined;

export async function startDatabase(): Promise<Database> {
	if (current) return current;
	const started = Date.now();
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	const applied = await migrateToLatest(database.db);
	const seeded = config.SEED_DEMO ? await seedDemoIfEmpty(database.db) : false;
	log.info('database ready', { backend: database.backend, migrations: applied, seeded, ms: Date.now() - started });
	current = database;
	// Keeps the coverage statistics up to date (migrations/0008_area_coverage.sql).
	coverage = new CoverageJob(database.db);
	// Stopped with the pool by stopDatabase() on adapter-node's graceful stop (src/hooks.server.ts).
	coverage.start();
	return database;
}

export function database(): Database {
	if (!current) throw new Error('database not started: startDatabase() runs in the init hook');
	return current;
}

export async function stopDatabase(): Promise<void> {
	const closing = current;
	current = undefined;
	coverage?.stop();
	coverage = undefined;
	await closing?.close();
}
