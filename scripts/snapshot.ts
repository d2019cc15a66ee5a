/**
 * A static snapshot of the public map for any static host or CDN:
 *
 *   npm run snapshot -- --out dir [--maxzoom 15] [--bbox minLon,minLat,maxLon,maxLat] [--lang en] [--link https://…]
 *
 * Reads DATABASE_URL, or the embedded database under DATA_DIR (also while the app runs: through its
 * socket, src/lib/server/db/owner.ts), and copies the street basemap of BASEMAP_PMTILES (the
 * app's, by default) over the snapshot's box. See src/lib/server/snapshot/.
 */
import './env.js';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db';
import { writeSnapshot } from '../src/lib/server/snapshot';
import { parseBBox } from '../src/lib/schemas/bbox';
import { isLocale } from '../src/lib/i18n';
import { config } from '../src/lib/server/config';
import { BasemapArchive } from '../src/lib/server/basemap/archive';
import { GlyphFolder } from '../src/lib/server/basemap/glyphs';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		maxzoom: { type: 'string', default: '15' },
		bbox: { type: 'string' },
		lang: { type: 'string', default: 'sr-Latn' },
		link: { type: 'string' }
	}
});

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

if (!values.out) fail('--out: the folder to write the snapshot to');
const maxzoom = Number(values.maxzoom);
if (!Number.isInteger(maxzoom) || maxzoom < 0 || maxzoom > 16) fail('--maxzoom: a whole number from 0 to 16');
let bbox: [number, number, number, number] | undefined;
if (values.bbox) {
	const parsed = parseBBox(values.bbox);
	if (!parsed.ok && parsed.error !== 'bbox.size') fail('--bbox: minLon,minLat,maxLon,maxLat in degrees');
	bbox = values.bbox.split(',').map(Number) as [number, number, number, number];
}
if (!isLocale(values.lang)) fail('--lang: sr-Latn, sr-Cyrl or en');

// The street basemap the app serves, copied for the snapshot's box (none: the page draws land only).
let archive: BasemapArchive | null = null;
if (config.BASEMAP_PMTILES) {
	try {
		archive = await BasemapArchive.open(config.BASEMAP_PMTILES);
	} catch (error) {
		console.error(`basemap ${config.BASEMAP_PMTILES}: ${(error as Error).message}; the snapshot draws land only`);
	}
}

const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase(url ? { url, max: 4 } : { dataDir: process.env.DATA_DIR ?? './data' });
const started = performance.now();
try {
	const summary = await writeSnapshot({
		db: database.db,
		backend: database.backend,
		out: values.out!,
		maxzoom,
		bbox,
		locale: values.lang,
		link: values.link ?? null,
		basemap: archive && { archive, fonts: new GlyphFolder(config.BASEMAP_FONTS) },
		concurrency: url ? 8 : 1,
		onProgress: (layer, done, total) => {
			if (process.stderr.isTTY) process.stderr.write(`\r${layer}: ${done}/${total} tiles`);
		}
	});
	if (process.stderr.isTTY) process.stderr.write('\n');
	for (const layer of summary.layers)
		console.log(
			`${layer.layer}.pmtiles: ${layer.tiles} tiles, ${(layer.bytes / 1024).toFixed(0)} KiB, zoom ${layer.minzoom}-${layer.maxzoom}`
		);
	if (summary.basemap)
		console.log(
			`basemap.pmtiles: ${summary.basemap.tiles} tiles, ${(summary.basemap.bytes / 1024).toFixed(0)} KiB, zoom ${summary.basemap.minzoom}-${summary.basemap.maxzoom}, ${summary.basemap.glyphs} glyph ranges`
		);
	console.log(`written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
	await database.close();
	await archive?.close();
}
