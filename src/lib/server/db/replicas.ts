/**
 * Reads that tolerate a little lag — tiles, TileJSON, exports, feeds, statistics, camera pages —
 * go to a streaming replica when `DATABASE_READ_URL` names one or more; everything else (writes,
 * moderation, a reporter's status page, whatever a signed-in person reads) stays on the primary.
 *
 * Two guards keep a replica from ever answering with wrong data:
 * - **Lag, told by the tiles' data version** (`tile_data_version`, bumped at the commit of every
 *   change to cameras or areas, and replicated like any row). Every second each server reads the
 *   version on the primary and on each replica. A tile asked for at version v is read only from a
 *   replica that has replayed v; other reads accept a replica that is behind for at most
 *   `MAX_LAG_MS`, then go to the primary until it catches up.
 * - **Availability.** A replica that refuses a connection, or whose version read failed, is left
 *   out for `RETRY_MS` and its reads go to the primary at once; a query cut off by a replica going
 *   down is answered 503 with Retry-After like any lost connection (src/lib/server/db/errors.ts).
 *
 * Replicas are chosen in turn. The primary's own pool is shared: a fallback costs no connection.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { log } from '../log';
import { readDataVersion } from '../tiles/repository';
import type { DB } from './schema';

/** How often the versions are read (the tiles' own poll is as often: src/lib/server/tiles/version.ts). */
export const POLL_MS = 1000;
/** How long a replica may trail the primary and still serve reads that are not tiles. */
export const MAX_LAG_MS = 5000;
/** How long a replica that failed is left out before it is tried again. */
export const RETRY_MS = 2000;
/** A replica that does not answer a connection attempt within this is given up on (the primary is there). */
const CONNECT_TIMEOUT_MS = 2000;

interface Replica {
	/** For the log: host, port and database, never the password. */
	name: string;
	pool: pg.Pool;
	/** Reads through this replica, falling back to the primary when it cannot be reached. */
	db: Kysely<DB>;
	version: number | undefined;
	/** Since when (ms) this replica's version has trailed the primary's; undefined when it has not. */
	behindSince: number | undefined;
	/** Left out until this time (ms) after a failure. */
	downUntil: number;
	down: boolean;
}

export interface ReplicaOptions {
	primary: { db: Kysely<DB>; pool: pg.Pool };
	urls: string[];
	/** Connections per replica (like the primary's pool). */
	max?: number;
}

function describe(url: string): string {
	const parsed = new URL(url);
	return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** A Kysely pool that takes a connection from the replica, or from the primary when the replica is out of reach. */
class FallbackPool implements PostgresPool {
	/** Kysely reads a pool's options only to open a separate client for cancelling a query; this pool has no `Client`. */
	readonly options = {};

	constructor(
		private readonly replicas: ReadReplicas,
		private readonly replica: Replica,
		private readonly primary: pg.Pool
	) {}

	async connect(): Promise<PostgresPoolClient> {
		if (this.replicas.available(this.replica)) {
			try {
				return await this.replica.pool.connect();
			} catch (error) {
				// Whatever keeps a connection from being made (down, a full server, a dropped
				// database, a changed password) is no reason to fail a read the primary can answer.
				this.replicas.failed(this.replica, error as Error);
			}
		}
		return this.primary.connect();
	}

	async end(): Promise<void> {
		// The pools belong to ReadReplicas (the replica's) and to the app's database (the primary's).
	}
}

export class ReadReplicas {
	private readonly replicas: Replica[];
	private primaryVersion: number | undefined;
	private next = 0;
	private timer: ReturnType<typeof setInterval> | undefined;
	private polling: Promise<void> | undefined;

	constructor(private readonly options: ReplicaOptions) {
		this.replicas = options.urls.map((url) => {
			const pool = new pg.Pool({
				connectionString: url,
				max: options.max ?? 10,
				connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
				keepAlive: true,
				application_name: 'nadzor-read'
			});
			pool.on('error', (error) => log.warn('read replica pool error', { error: error.message }));
			pool.on('connect', (client) => {
				client.on('error', (error) => log.warn('read replica connection lost', { error: error.message }));
			});
			const replica: Replica = {
				name: describe(url),
				pool,
				db: undefined as unknown as Kysely<DB>,
				version: undefined,
				behindSince: undefined,
				downUntil: 0,
				down: false
			};
			replica.db = new Kysely<DB>({
				dialect: new PostgresDialect({ pool: new FallbackPool(this, replica, options.primary.pool) })
			});
			return replica;
		});
	}

	get count(): number {
		return this.replicas.length;
	}

	/**
	 * A handle for reads that tolerate a little lag. With `atLeast` (a tile's data version), only a
	 * replica that has replayed that version will do; otherwise the primary.
	 */
	reader(atLeast?: number): Kysely<DB> {
		return this.choose(atLeast)?.db ?? this.options.primary.db;
	}

	/**
	 * Like `reader(atLeast)`, but when no replica is known to have replayed `atLeast` yet (a change
	 * a moment ago: the versions are read once a second), reads their versions once more first, so
	 * the tiles of a new version come from a replica as soon as it has them (within milliseconds on
	 * a healthy one) rather than from the primary until the next poll.
	 */
	async readerAtLeast(atLeast: number): Promise<Kysely<DB>> {
		const chosen = this.choose(atLeast);
		if (chosen || !this.replicas.some((replica) => this.available(replica)))
			return chosen?.db ?? this.options.primary.db;
		await this.poll();
		return this.reader(atLeast);
	}

	private choose(atLeast: number | undefined): Replica | undefined {
		const now = Date.now();
		for (let tried = 0; tried < this.replicas.length; tried++) {
			const replica = this.replicas[(this.next + tried) % this.replicas.length];
			if (!this.available(replica, now) || replica.version === undefined) continue;
			if (atLeast !== undefined ? replica.version < atLeast : !this.closeEnough(replica, now)) continue;
			this.next = (this.next + tried + 1) % this.replicas.length;
			return replica;
		}
		return undefined;
	}

	private closeEnough(replica: Replica, now: number): boolean {
		return replica.behindSince === undefined || now - replica.behindSince <= MAX_LAG_MS;
	}

	/** Not left out after a failure. */
	available(replica: Replica, now = Date.now()): boolean {
		return !replica.down || now >= replica.downUntil;
	}

	/** A replica could not be reached: its reads go to the primary for a while. */
	failed(replica: Replica, error: Error): void {
		replica.downUntil = Date.now() + RETRY_MS;
		if (!replica.down)
			log.warn('read replica unreachable, reading from the primary', { replica: replica.name, error: error.message });
		replica.down = true;
	}

	/** Reads every version now (one round at a time). */
	poll(): Promise<void> {
		this.polling ??= this.readVersions().finally(() => (this.polling = undefined));
		return this.polling;
	}

	private async readVersions(): Promise<void> {
		try {
			this.primaryVersion = await readDataVersion(this.options.primary.db);
		} catch {
			// The primary is down: the replicas' versions are all there is to compare.
		}
		await Promise.all(
			this.replicas.map(async (replica) => {
				if (!this.available(replica)) return;
				let version: number;
				try {
					const client = await replica.pool.connect();
					try {
						const { rows } = await client.query<{ version: string }>('SELECT version FROM tile_data_version');
						version = Number(rows[0].version);
					} finally {
						client.release();
					}
				} catch (error) {
					this.failed(replica, error as Error);
					return;
				}
				if (replica.down) log.info('read replica reachable again', { replica: replica.name });
				replica.down = false;
				replica.version = version;
				const behind = this.primaryVersion !== undefined && version < this.primaryVersion;
				if (!behind) replica.behindSince = undefined;
				else replica.behindSince ??= Date.now();
			})
		);
	}

	start(): void {
		if (this.timer || this.replicas.length === 0) return;
		this.timer = setInterval(() => void this.poll(), POLL_MS);
		this.timer.unref?.();
	}

	async close(): Promise<void> {
		clearInterval(this.timer);
		this.timer = undefined;
		await this.polling?.catch(() => undefined);
		await Promise.all(this.replicas.map((replica) => replica.pool.end()));
	}
}
