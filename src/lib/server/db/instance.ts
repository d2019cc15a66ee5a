/**
 * The app's one database handle, opened by the `init` hook before the first request:
 * open → migrate; and the read replicas, if any (`DATABASE_READ_URL`, src/lib/server/db/replicas.ts).
 * (The demo data and the background jobs are the `init` hook's: src/hooks.server.ts, ../jobs.ts.)
 */
import type { Kysely } from 'kysely';
import { config } from '../config';
import { log } from '../log';
import { openDatabase, type Database, type DB } from './index';
import { ReadReplicas } from './replicas';
import { migrateToLatest } from './migrate';

let current: Database | undefined;
let replicas: ReadReplicas | undefined;

export async function startDatabase(): Promise<Database> {
	if (current) return current;
	const started = Date.now();
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, whenHeld: 'refuse' });
	const applied = await migrateToLatest(database.db);
	log.info('database ready', { backend: database.backend, migrations: applied, ms: Date.now() - started });
	current = database;
	if (config.DATABASE_READ_URL.length > 0 && database.backend === 'embedded') {
		log.warn('DATABASE_READ_URL is ignored: the embedded database has no replicas; every read goes to it');
	} else if (config.DATABASE_READ_URL.length > 0) {
		replicas = new ReadReplicas({ primary: database, urls: config.DATABASE_READ_URL });
		await replicas.poll();
		replicas.start();
		log.info('read replicas', { count: replicas.count });
	}
	return database;
}

export function database(): Database {
	if (!current) throw new Error('database not started: startDatabase() runs in the init hook');
	return current;
}

/**
 * The handle for reads that tolerate a little lag (see replicas.ts): a replica when one is
 * configured, reachable and recent enough, otherwise the primary.
 */
export function readDatabase(): Kysely<DB> {
	return replicas?.reader() ?? database().db;
}

/** For tiles of data version `atLeast`: a replica that has replayed it (asked again if need be), else the primary. */
export async function readDatabaseAtLeast(atLeast: number): Promise<Kysely<DB>> {
	return (await replicas?.readerAtLeast(atLeast)) ?? database().db;
}

export async function stopDatabase(): Promise<void> {
	const closing = current;
	const closingReplicas = replicas;
	current = undefined;
	replicas = undefined;
	await closingReplicas?.close();
	await closing?.close();
}
