/**
 * A static snapshot of the public map: one PMTiles v3 archive per tile layer (`cameras.pmtiles`,
 * `fov.pmtiles`, `areas.pmtiles`, each tile the live server's tile at the same z/x/y), the street
 * basemap of its box (basemap.ts) and a page that shows them (site.ts). Run by `npm run snapshot` (scripts/snapshot.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Kysely } from 'kysely';
import { fromMercator } from '#lib/geo/earth.js';
import type { BBox } from '#lib/schemas/bbox.js';
import type { Locale } from '#lib/i18n/index.js';
import type { Backend, DB } from '../db';
import * as areas from '../areas/repository';
import { layers, type LayerName } from '../tiles/layers';
import { encoderFor } from '../tiles/render';
import { tileBounds } from '../tiles/tile';
import type { BasemapArchive } from '../basemap/archive';
import type { GlyphFolder } from '../basemap/glyphs';
import { writeSnapshotBasemap, type SnapshotBasemap } from './basemap';
import { PmtilesWriter } from './pmtiles-writer';
import { planTiles, renderSnapshotTile } from './tiles';
import { writeSite } from './site';
import { tileIdToZxy } from 'pmtiles';

const gzip = promisify(gzipCallback);

/**
 * The snapshot's highest zoom. Cameras are points (and fields of view) from zoom 15, exact to
 * about 0.3 m in a zoom-15 tile (4096 units across 1.2 km), so the map over-zooms them beyond
 * without a visible difference; stopping at 15 rather than the live 16 halves the tiles
 * (bench/RESULTS.md, "Snapshot").
 */
export const DEFAULT_MAXZOOM = 15;
const OSM = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

export interface SnapshotOptions {
	db: Kysely<DB>;
	backend: Backend;
	/** The folder to write (created if missing). */
	out: string;
	maxzoom?: number;
	bbox?: BBox;
	/** Tiles rendered at once (the database pool bounds it too). */
	concurrency?: number;
	locale?: Locale;
	/** The live site, for the page's link back. */
	link?: string | null;
	/** The street basemap to copy for the snapshot's box (basemap.ts); null or unset: land only. */
	basemap?: { archive: BasemapArchive; fonts: GlyphFolder } | null;
	onProgress?: (layer: LayerName, done: number, total: number) => void;
}

export interface SnapshotSummary {
	layers: { layer: LayerName; candidates: number; tiles: number; bytes: number; minzoom: number; maxzoom: number }[];
	bounds: [number, number, number, number];
	/** The copied street basemap; null when there is none (or it does not reach the box). */
	basemap: SnapshotBasemap | null;
}

export async function writeSnapshot(options: SnapshotOptions): Promise<SnapshotSummary> {
	const { db, out } = options;
	const encoder = encoderFor(options.backend);
	const concurrency = options.concurrency ?? 8;
	fs.mkdirSync(out, { recursive: true });
	const plans = await planTiles(db, { maxzoom: options.maxzoom ?? DEFAULT_MAXZOOM, bbox: options.bbox });
	const summary: SnapshotSummary['layers'] = [];
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;

	for (const plan of plans) {
		const writer = new PmtilesWriter(path.join(out, `${plan.layer}.pmtiles`));
		let lowest = Infinity;
		let bounds: [number, number, number, number] | null = null;
		try {
			for (let start = 0; start < plan.tileIds.length; start += concurrency) {
				const batch = plan.tileIds.slice(start, start + concurrency);
				const rendered = await Promise.all(
					batch.map(async (tileId) => {
						const tile = await renderSnapshotTile(db, encoder, plan.layer, tileId);
						return tile && { tileId, tile: tile.tile, gz: await gzip(tile.bytes, { level: 6 }) };
					})
				);
				for (const entry of rendered) {
					if (!entry) continue;
					writer.add(entry.tileId, entry.gz);
					// The data's extent: from the lowest zoom that has tiles (coarse, rounded outwards).
					if (entry.tile.z < lowest) {
						lowest = entry.tile.z;
						bounds = null;
					}
					if (entry.tile.z === lowest) {
						const b = tileBounds(entry.tile);
						const [w, s] = fromMercator(b.minX, b.minY);
						const [e, n] = fromMercator(b.maxX, b.maxY);
						bounds = bounds
							? [Math.min(bounds[0], w), Math.min(bounds[1], s), Math.max(bounds[2], e), Math.max(bounds[3], n)]
							: [w, s, e, n];
					}
				}
				options.onProgress?.(plan.layer, Math.min(start + concurrency, plan.tileIds.length), plan.tileIds.length);
			}
			const extent = bounds ?? [-180, -85.051129, 180, 85.051129];
			if (bounds)
				[west, south, east, north] = [
					Math.min(west, extent[0]),
					Math.min(south, extent[1]),
					Math.max(east, extent[2]),
					Math.max(north, extent[3])
				];
			const info = layers[plan.layer];
			const written = writer.finish({
				minZoom: plan.minzoom,
				maxZoom: plan.maxzoom,
				bounds: extent,
				center: [(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2, Math.min(plan.maxzoom, 12)],
				metadata: {
					name: `Nadzor ${plan.layer}`,
					description: info.description,
					attribution:
						plan.layer === 'areas' ? 'Nadzor; boundaries from their publishers' : `Nadzor contributors; ${OSM}`,
					vector_layers: info.vectorLayers,
					generated: new Date().toISOString().slice(0, 10)
				}
			});
			summary.push({
				layer: plan.layer,
				candidates: plan.tileIds.length,
				tiles: written.tiles,
				bytes: written.bytes,
				minzoom: plan.minzoom,
				maxzoom: plan.maxzoom
			});
		} catch (error) {
			writer.abort();
			throw error;
		}
	}

	const viewBounds: [number, number, number, number] =
		options.bbox ??
		(await areas.extent(db)) ??
		(Number.isFinite(west) ? [west, south, east, north] : [20.2, 44.7, 20.65, 44.9]);
	const locale = options.locale ?? 'sr-Latn';
	const basemap = options.basemap
		? await writeSnapshotBasemap({ out, ...options.basemap, bounds: viewBounds, locale })
		: null;
	writeSite({
		out,
		locale,
		bounds: viewBounds,
		date: new Date().toISOString().slice(0, 10),
		link: options.link ?? null,
		osm: true,
		streets: basemap && { version: '', maxzoom: basemap.maxzoom, bounds: viewBounds }
	});
	return { layers: summary, bounds: viewBounds, basemap };
}

export { tileIdToZxy };
