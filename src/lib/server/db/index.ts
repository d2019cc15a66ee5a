/**
 * The one factory for database handles: the app, the CLI, seeds and tests all call
 * `openDatabase`. With a URL it connects to PostgreSQL + PostGIS; without one it starts the
 * embedded database under `dataDir`.
 */
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { log } from '../log';
import { requestDump, startEmbedded, type EmbeddedServer } from './embedded';
import { claim, socketDir, SOCKET_PORT, waitForSocket } from './owner';
import type { DB } from './schema';

export type { DB } from './schema';

// int8 (counts, ids) as JS numbers: our ids and counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// `date` as the ISO string it is, not a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Backend = 'postgis' | 'embedded';

/**
 * How long a request waits for a connection — a free one from the pool or a new one to the server —
 * before it is answered 503. A refused connection (the server down) fails at once anyway; this
 * bounds the wait for a server that does not answer. It also bounds queueing for the pool, so it
 * must stay well above the waits of a busy but healthy server: at 3 s, 50 reports at once on a
 * loaded 2-core machine got 503s (measured by tests/reliability/load.test.ts).
 */
export const CONNECT_TIMEOUT_MS = 15_000;

export interface Database {
	db: Kysely<DB>;
	pool: pg.Pool;
	backend: Backend;
	/**
	 * Embedded only: a tarball of the whole database (see `OpenOptions.loadDataDir`), taken by the
	 * process that owns it: this one, or the running app asked through its socket.
	 */
	dump?: () => Promise<Blob>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** PostgreSQL URL; without it the embedded database is used. */
	url?: string;
	/** Where the embedded database keeps its files; omitted → in memory. */
	dataDir?: string;
	/** Start the embedded database from this dump (see `tests/integration/setup`). */
	loadDataDir?: Blob;
	/** Pool size for a real server. */
	max?: number;
	/**
	 * When another process (the app) holds the embedded database under `dataDir`: `connect`
	 * (the default: the command-line tools) goes through its socket, `refuse` (the app) throws.
	 * A second process never opens the same files (see ./owner.ts).
	 */
	whenHeld?: 'connect' | 'refuse';
}

/** How long a tool waits for the socket of an app that is still starting (PostGIS, migrations). */
const OWNER_SOCKET_WAIT_MS = 120_000;

export async function openDatabase(options: OpenOptions): Promise<Database> {
	let embedded: EmbeddedServer | undefined;
	let dump: Database['dump'];
	let release = async () => {};
	let pool: pg.Pool;
	if (options.url) {
		pool = new pg.Pool({
			connectionString: options.url,
			max: options.max ?? 10,
			// While the server is unreachable a request fails within this time instead of hanging
			// (a refused connection fails at once anyway); the handle answers 503 (src/hooks.server.ts).
			connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
			keepAlive: true,
			application_name: 'nadzor'
		});
	} else if (options.dataDir) {
		const dataDir = options.dataDir;
		const ownership = await claim(dataDir);
		if ('owner' in ownership) {
			if (options.whenHeld === 'refuse' || options.loadDataDir) {
				throw new Error(
					`the embedded database in ${dataDir} is in use by process ${ownership.owner}: stop it, or set another DATA_DIR`
				);
			}
			// The owner (the running app) serves it: connect through its socket.
			await waitForSocket(dataDir, ownership.owner, OWNER_SOCKET_WAIT_MS);
			pool = new pg.Pool({
				host: socketDir(dataDir),
				port: SOCKET_PORT,
				database: 'postgres',
				user: 'postgres',
				max: 1
			});
			const owner = pool;
			dump = () => requestDump((text) => owner.query(text));
		} else {
			release = ownership.release;
			try {
				embedded = await startEmbedded({
					dataDir: path.join(dataDir, 'pglite'),
					socketDir: socketDir(dataDir),
					loadDataDir: options.loadDataDir
				});
			} catch (error) {
				await release();
				throw error;
			}
			// PGlite runs one statement at a time; one connection keeps extended-protocol
			// messages of different clients from interleaving. Requests queue in the pool.
			pool = new pg.Pool({ ...embedded.connection, max: 1 });
		}
	} else {
		// In memory (tests): nobody else can reach these files.
		embedded = await startEmbedded({
			socketDir: path.join(process.env.TMPDIR ?? '/tmp', `nadzor-${process.pid}-${Date.now()}`),
			loadDataDir: options.loadDataDir
		});
		pool = new pg.Pool({ ...embedded.connection, max: 1 });
	}
	// Without a listener an idle client's error (e.g. the server restarting) kills the process.
	pool.on('error', (error) => log.warn('database pool error', { error: error.message }));
	// The pool listens only while a client is idle. A connection that dies while checked out
	// (terminated by an administrator, a restart, a network cut) emits 'error' after its query
	// has already failed; with no listener that event would end the process.
	pool.on('connect', (client) => {
		client.on('error', (error) => log.warn('database connection lost', { error: error.message }));
	});

	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	return {
		db,
		pool,
		backend: embedded || dump ? 'embedded' : 'postgis',
		dump: embedded?.dump ?? dump,
		async close() {
			await db.destroy();
			// Kysely ends the pool only if it used it; a handle queried through `pool` alone is ended here.
			if (!pool.ended) await pool.end();
			await embedded?.stop();
			await release();
		}
	};
}
