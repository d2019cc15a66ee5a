/**
 * The data version (table `tile_data_version`, bumped by the database at the commit of every
 * transaction that changed cameras or areas). Each app server polls it, one primary-key read a
 * second, and calls `onChange` when it moves, so a moderator's approval reaches the tiles of
 * every server within about a second (plus the short max-age of unversioned tile URLs).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { PollLoop } from '../poll';
import { compactCameraCells, readDataVersion } from './repository';

export const POLL_MS = 1000;
/** Folding the cluster-cell deltas (tile_cells_compact) at most this often. */
export const COMPACT_MS = 30_000;

export class DataVersion {
	current: number | undefined;
	private polling: Promise<number> | undefined;
	private readonly loop = new PollLoop(POLL_MS, async () => void (await this.poll()), {
		failed: 'tile data version unreadable',
		recovered: 'tile data version readable again'
	});
	/** A loop of its own: a long fold never holds up the reads that bring an approval to the tiles. */
	private readonly folding = new PollLoop(COMPACT_MS, () => compactCameraCells(this.db, 2000), {
		failed: 'cluster cells not folded',
		recovered: 'cluster cells folded again'
	});

	constructor(
		private readonly db: Kysely<DB>,
		private readonly onChange: (version: number) => void
	) {}

	/** Reads the version now (one read at a time); resolves to the current version. */
	poll(): Promise<number> {
		this.polling ??= this.read().finally(() => (this.polling = undefined));
		return this.polling;
	}

	private async read(): Promise<number> {
		const version = await readDataVersion(this.db);
		if (version !== this.current) {
			this.current = version;
			this.onChange(version);
		}
		return version;
	}

	/** The version, reading it first if it has never been read. */
	async get(): Promise<number> {
		this.start();
		return this.current ?? this.poll();
	}

	start(): void {
		this.loop.start();
		this.folding.start();
	}

	stop(): void {
		this.loop.stop();
		this.folding.stop();
	}
}
