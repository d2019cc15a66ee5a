/**
 * The app's one tile server, made on first use from the app's database and configuration.
 * (The modules next to this one take their database as an argument: tests and the benchmark
 * make their own.)
 */
import { config } from '../config';
import { database, readDatabaseAtLeast } from '../db/instance';
import type { FastSource } from '../http/fast-path';
import { TileServer } from './server';

let server: TileServer | undefined;

export function tileServer(): TileServer {
	if (!server) {
		const { db, backend } = database();
		server = new TileServer({
			db,
			backend,
			reader: readDatabaseAtLeast,
			origin: config.ORIGIN,
			cacheBytes: config.TILE_CACHE_MB * 1024 * 1024
		});
	}
	return server;
}

/** Cached tiles for the fast path (src/lib/server/http/fast-path.ts). */
export const tileFastSource: FastSource = {
	prefix: '/tiles/',
	route: '/tiles/[...path]',
	answer: ({ path, query, rawQuery, conditions }) => tileServer().answerFromMemory(path, query, rawQuery, conditions)
};
