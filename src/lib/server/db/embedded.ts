/**
 * Embedded PostgreSQL + PostGIS (PGlite) behind a PostgreSQL wire-protocol socket, so the
 * app reaches it with the same `pg` + Kysely path as a real server. The socket is a Unix
 * socket inside the data directory (not a TCP port), so no other local user can connect.
 *
 * PGlite's dump of its data directory works only in the process that runs it. A command-line
 * tool that reaches the database through the socket (`npm run backup` while the app runs) asks
 * for one with `DUMP_REQUEST`, an ordinary query on the same socket: the owner takes the dump
 * between two statements (no other client's statement runs meanwhile), writes it next to the
 * database files, readable by its owner only, and answers with the file's path (see `requestDump`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
// The pg driver looks for `<host>/.s.PGSQL.<port>`; the port only names the file.
import { SOCKET_PORT } from './owner';

/**
 * The query a client sends for a dump. Any PostgreSQL (an owner that does not know it) answers
 * it with the marker itself, which `requestDump` takes as "no dump".
 */
const DUMP_MARKER = 'nadzor:dump-data-dir';
export const DUMP_REQUEST = `SELECT '${DUMP_MARKER}' AS dump`;

/** A simple-protocol Query message ('Q', length, text, NUL) with this text. */
function queryMessage(text: string): Uint8Array {
	const body = Buffer.from(`${text}\0`, 'utf8');
	const message = Buffer.alloc(5 + body.length);
	message.write('Q', 0, 'ascii');
	message.writeInt32BE(4 + body.length, 1);
	body.copy(message, 5);
	return message;
}

const REQUEST_MESSAGE = Buffer.from(queryMessage(DUMP_REQUEST));
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Messages of an extended-protocol exchange that a Sync (or, for COPY data, its end) closes. */
const EXCHANGE = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd'].map((type) => type.charCodeAt(0)));

/**
 * The database as the socket serves it: PGlite itself, with two differences.
 *
 * PGlite is one session. The socket server queues the messages of all its clients (the app's
 * connection, a command-line tool's) and keeps to one client while a transaction is open; here
 * it also keeps to one client from the first message of an extended-protocol exchange (Parse,
 * Bind, Execute…) to its Sync, so two clients' statements never mix in the one unnamed
 * statement and portal.
 *
 * A dump request is answered by this process. The socket server runs each message inside
 * PGlite's lock, so the dump sees no statement half done, and no transaction or exchange is
 * open when it is taken.
 */
function serveSocket(pglite: PGlite, dumpsDir: string): PGlite {
	let exchangeOpen = false;
	async function answer(message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]): Promise<void> {
		let reply: string;
		try {
			const file = path.join(dumpsDir, `dump-${randomBytes(8).toString('hex')}.tar.gz`);
			const dump = await pglite.dumpDataDir('gzip');
			await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600, flag: 'wx' });
			reply = `SELECT ${literal(file)} AS dump`;
		} catch (error) {
			const text = error instanceof Error ? error.message : String(error);
			reply = `DO $$ BEGIN RAISE EXCEPTION '%', ${literal(`the dump failed: ${text}`)}; END $$`;
		}
		return pglite.execProtocolRawStream(queryMessage(reply), options);
	}
	return new Proxy(pglite, {
		get(target, property) {
			if (property === 'execProtocolRawStream') {
				return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
					exchangeOpen = EXCHANGE.has(message[0]);
					return Buffer.compare(Buffer.from(message), REQUEST_MESSAGE) === 0 && !target.isInTransaction()
						? answer(message, options)
						: target.execProtocolRawStream(message, options);
				};
			}
			// What the socket server asks before taking the next message from another client.
			if (property === 'isInTransaction') return () => exchangeOpen || target.isInTransaction();
			// What it does when a client leaves in the middle: nothing of the exchange is left open.
			if (property === 'exec') {
				return (query: string) => {
					exchangeOpen = false;
					return target.exec(query);
				};
			}
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/**
 * Asks the process that owns an embedded database (through a connection to its socket) for a
 * dump of the whole database, as `EmbeddedServer.dump` gives it to the owner.
 */
export async function requestDump(query: (text: string) => Promise<{ rows: { dump: string }[] }>): Promise<Blob> {
	const { rows } = await query(DUMP_REQUEST);
	const file = rows[0]?.dump;
	if (!file || file === DUMP_MARKER) {
		throw new Error('the process holding the embedded database cannot take a dump: stop it, then try again');
	}
	try {
		return new Blob([await fs.readFile(file)]);
	} finally {
		await fs.rm(file, { force: true });
	}
}

export interface EmbeddedServer {
	/** `pg` connection settings for the socket. */
	connection: { host: string; port: number; database: string; user: string };
	/** A tarball of the data directory, loadable with `loadDataDir` (used to clone test databases). */
	dump(): Promise<Blob>;
	stop(): Promise<void>;
}

export interface EmbeddedOptions {
	/** Directory holding the database files; omitted → in memory (tests). */
	dataDir?: string;
	/** Directory for the Unix socket. */
	socketDir: string;
	/** A `dumpDataDir()` tarball to start from (tests clone a migrated template this way). */
	loadDataDir?: Blob;
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
	if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
	await fs.mkdir(options.socketDir, { recursive: true, mode: 0o700 });
	const socketPath = path.join(options.socketDir, `.s.PGSQL.${SOCKET_PORT}`);
	// A socket file left by a process that was killed would make listen() fail.
	await fs.rm(socketPath, { force: true });

	const pglite = await PGlite.create({
		dataDir: options.dataDir,
		loadDataDir: options.loadDataDir,
		extensions: { postgis }
	});
	// Dumps requested through the socket are written next to the database files.
	const dumpsDir = options.dataDir ? path.dirname(options.dataDir) : options.socketDir;
	const server = new PGLiteSocketServer({ db: serveSocket(pglite, dumpsDir), path: socketPath, maxConnections: 8 });
	await server.start();

	return {
		connection: { host: options.socketDir, port: SOCKET_PORT, database: 'postgres', user: 'postgres' },
		dump: () => pglite.dumpDataDir('gzip'),
		async stop() {
			await server.stop();
			await pglite.close();
			await fs.rm(socketPath, { force: true });
		}
	};
}
