/**
 * The app's one basemap server, opened on first use from the configuration (BASEMAP_PMTILES,
 * BASEMAP_FONTS). A missing or unreadable archive is not fatal: one log line says why, and the
 * maps draw land only (style.ts). The modules next to this one take their archive as an
 * argument: tests and the benchmark open their own.
 */
import path from 'node:path';
import type { Streets } from '../../components/map/style';
import { config } from '../config';
import type { FastSource } from '../http/fast-path';
import { log } from '../log';
import { ArchiveError, BasemapArchive } from './archive';
import { GlyphFolder } from './glyphs';
import { BasemapServer } from './server';

export { BasemapServer, parseBasemapRequest, type Script } from './server';
export type { ArchiveInfo } from './archive';

let server: Promise<BasemapServer> | undefined;
/** The server once open, for the fast path (which must not wait). */
let opened: BasemapServer | undefined;

async function openArchive(file: string | undefined): Promise<BasemapArchive | null> {
	if (!file) {
		log.info('no basemap archive configured (BASEMAP_PMTILES is empty): maps draw land only');
		return null;
	}
	try {
		return await BasemapArchive.open(file);
	} catch (error) {
		const reason = error instanceof ArchiveError ? error.message : 'unreadable';
		log.warn(`basemap archive ${file}: ${reason}; maps draw land only`, { file: path.basename(file) });
		return null;
	}
}

export function basemapServer(): Promise<BasemapServer> {
	server ??= openArchive(config.BASEMAP_PMTILES).then(
		(archive) =>
			new BasemapServer({
				archive,
				fonts: new GlyphFolder(config.BASEMAP_FONTS),
				cacheBytes: config.BASEMAP_CACHE_MB * 1024 * 1024,
				origin: config.ORIGIN
			})
	);
	void server.then((open) => (opened = open));
	return server;
}

/** Cached basemap tiles and glyph ranges already read, for the fast path (src/lib/server/http/fast-path.ts). */
export const basemapFastSource: FastSource = {
	prefix: '/basemap/',
	route: '/basemap/[...path]',
	answer: ({ path, query, conditions }) => {
		if (!opened) void basemapServer();
		return opened?.answerFromMemory(path, query, conditions);
	}
};

/** What a page's map needs to draw the streets (null: land only): the archive's version and zooms. */
export async function basemapForMaps(): Promise<Streets | null> {
	const info = (await basemapServer()).info;
	return info && { version: info.version, maxzoom: info.maxzoom, bounds: info.bounds };
}
