/**
 * Embedded PostgreSQL + PostGIS (PGlite) behind a PostgreSQL wire-protocol socket, so the
 * app reaches it with the same `pg` + Kysely path as a real server. The socket is a Unix
 * socket inside the data directory (not a TCP port), so no other local user can connect.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
// The pg driver looks for `<host>/.s.PGSQL.<port>`; the port only names the file.
import { SOCKET_PORT } from './owner';

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
	const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 8 });
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
