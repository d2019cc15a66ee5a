/**
 * The street basemap of a static snapshot: the app's basemap tiles over the snapshot's box, every
 * zoom of the archive, copied into `basemap.pmtiles` with the labels in the snapshot's script (as
 * the live server serves them), and the glyph ranges those labels need under
 * `fonts/{fontstack}/{range}.pbf`. So a snapshot on a static host or CDN draws streets from its
 * own files, with no request to the app or any other host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { OSM_ATTRIBUTION, STREET_FONTS, streetScript } from '#lib/components/map/style.js';
import type { Locale } from '#lib/i18n/index.js';
import type { BasemapArchive } from '../basemap/archive';
import { tileIdsIn } from '../basemap/build';
import { emptyGlyphs, GlyphFolder, RANGE_SIZE } from '../basemap/glyphs';
import { tileStrings } from '../basemap/latin';
import { BasemapServer } from '../basemap/server';
import { PmtilesWriter } from './pmtiles-writer';

export const BASEMAP_FILE = 'basemap.pmtiles';
export const FONTS_FOLDER = 'fonts';

export interface SnapshotBasemap {
	tiles: number;
	bytes: number;
	/** Glyph range files written. */
	glyphs: number;
	minzoom: number;
	maxzoom: number;
}

/** Adds the glyph ranges of every string a tile's features carry (names, house numbers, refs). */
function addRanges(plain: Uint8Array, ranges: Set<number>) {
	for (const text of tileStrings(plain)) {
		for (const char of text) {
			const code = char.codePointAt(0)!;
			// MapLibre asks for glyphs of the Basic Multilingual Plane only.
			if (code <= 0xffff) ranges.add(Math.floor(code / RANGE_SIZE) * RANGE_SIZE);
		}
	}
}

/**
 * Writes the basemap of `bounds` ([w, s, e, n], cut to the archive's own) into `out`; null when
 * the box and the archive do not meet.
 */
export async function writeSnapshotBasemap(options: {
	out: string;
	archive: BasemapArchive;
	fonts: GlyphFolder;
	bounds: [number, number, number, number];
	locale: Locale;
}): Promise<SnapshotBasemap | null> {
	const { archive, out } = options;
	const info = archive.info;
	const box: [number, number, number, number] = [
		Math.max(options.bounds[0], info.bounds[0]),
		Math.max(options.bounds[1], info.bounds[1]),
		Math.min(options.bounds[2], info.bounds[2]),
		Math.min(options.bounds[3], info.bounds[3])
	];
	if (box[0] >= box[2] || box[1] >= box[3]) return null;
	const script = streetScript(options.locale);
	// The same tiles the live server answers (names transliterated for a Latin page); no cache.
	const server = new BasemapServer({ archive, fonts: options.fonts, cacheBytes: 0 });
	const writer = new PmtilesWriter(path.join(out, BASEMAP_FILE));
	const ranges = new Set<number>([0]);
	let written: { bytes: number; tiles: number };
	try {
		for (const tile of tileIdsIn(box, info.minzoom, info.maxzoom)) {
			const { gz } = await server.tile(script, tile.z, tile.x, tile.y);
			if (!gz) continue;
			writer.add(tile.id, gz);
			addRanges(gunzipSync(gz), ranges);
		}
		written = writer.finish({
			minZoom: info.minzoom,
			maxZoom: info.maxzoom,
			bounds: box,
			center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, Math.min(info.maxzoom, 12)],
			metadata: {
				name: 'Nadzor basemap',
				description: 'OpenStreetMap in the OpenMapTiles schema',
				attribution: OSM_ATTRIBUTION,
				vector_layers: info.vectorLayers
			}
		});
	} catch (error) {
		writer.abort();
		throw error;
	}

	// The style's font stacks, each with the ranges the labels use (a missing range: an empty set).
	let glyphs = 0;
	for (const fontstack of STREET_FONTS) {
		const font = options.fonts.font(fontstack);
		const folder = path.join(out, FONTS_FOLDER, fontstack);
		fs.mkdirSync(folder, { recursive: true });
		for (const start of ranges) {
			const bytes = font === undefined ? emptyGlyphs(fontstack, start) : options.fonts.range(font, start);
			fs.writeFileSync(path.join(folder, `${start}-${start + RANGE_SIZE - 1}.pbf`), bytes);
			glyphs++;
		}
	}
	return { ...written, glyphs, minzoom: info.minzoom, maxzoom: info.maxzoom };
}
