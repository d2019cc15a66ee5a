/**
 * The data version (table `tile_data_version`, bumped by the database at the commit of every
 * transaction that changed cameras or areas). Each app server polls it, one primary-key read a
 * second, and calls `onChange` when it moves, so a moderator's approval reaches the tiles of
 * every server within about a second (plus the short max-age of unversioned tile URLs).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { log } from '../log';
import { compactCameraCells, readDataVersion } from './repository';

export const POLL_MS = 1000;
/** Folding the cluster-cell deltas (tile_cells_compact) at most this often. */
export const COMPACT_MS = 30_000;

export class DataVersion {
	current: number | undefined;
	private timer: ReturnType<typeof setInterval> | undefined;
	private polling: Promise<number> | undefined;
	private lastCompact = 0;
	private failing = false;

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
		if (this.timer) return;
		this.timer = setInterval(() => void this.tick(), POLL_MS);
		this.timer.unref?.();
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	private async tick(): Promise<void> {
		try {
			await this.poll();
			if (this.failing) log.info('tile data version readable again');
			this.failing = false;
			if (Date.now() - this.lastCompact > COMPACT_MS) {
				this.lastCompact = Date.now();
				await compactCameraCells(this.db, 2000);
			}
		} catch (error) {
			if (!this.failing) log.warn('tile data version unreadable', { error: (error as Error).message });
			this.failing = true;
		}
	}
}
