/**
 * Which tiles a static snapshot holds, and the tiles themselves. Every tile is rendered by the
 * same code as the live /tiles endpoint (renderTile, the backend's own encoder, no filter), so
 * a tile in the archive decodes to exactly the features of the live tile at the same z/x/y.
 *
 * The candidates are a superset of the non-empty tiles, computed from where the data is:
 * - `cameras` below the cluster switch: the tiles with cluster cells (camera_cells, exact);
 * - `cameras` from the switch: every tile whose buffered square holds an active camera;
 * - `fov`: the same, widened by the longest field of view;
 * - `areas`: every tile touching an area's box, up to AREAS_MAX_ZOOM (outlines over-zoom well;
 *   at street zooms a city's outline would be tens of thousands of tiles of one square).
 * Candidates that render empty are left out, as the live server's are 0 bytes.
 */
import type { Kysely } from 'kysely';
import { zxyToTileId, tileIdToZxy } from 'pmtiles';
import { fromMercator, MERCATOR_HALF, mercatorScale, mercatorToTile, toMercator } from '#lib/geo/earth.js';
import type { BBox } from '#lib/schemas/bbox.js';
import type { DB } from '../db';
import { CLUSTER_SWITCH_ZOOM, layers, type LayerName } from '../tiles/layers';
import { renderTile, type Encoder } from '../tiles/render';
import { BUFFER, EXTENT, MAX_ZOOM, type TileId } from '../tiles/tile';
import { activeCameraMercatorPoints, areaMercatorBoxes, occupiedClusterCells } from './repository';

export const AREAS_MAX_ZOOM = 12;
/** Longer than the longest assumed field of view (src/lib/geo/fov.ts: 50 m), in metres. */
const FOV_REACH_METRES = 60;
/** A tile's buffer as a share of its side, plus a unit for rounding (as layers.ts searches). */
const MARGIN = (BUFFER + 1) / EXTENT;

export interface LayerPlan {
	layer: LayerName;
	minzoom: number;
	maxzoom: number;
	/** Tile ids, increasing. */
	tileIds: number[];
}

/** Adds the tiles at zoom z touched by the box (tile-space units) to `ids`. */
function addBox(ids: Set<number>, z: number, minU: number, minV: number, maxU: number, maxV: number) {
	const last = 2 ** z - 1;
	const x0 = Math.max(0, Math.floor(minU));
	const x1 = Math.min(last, Math.floor(maxU));
	const y0 = Math.max(0, Math.floor(minV));
	const y1 = Math.min(last, Math.floor(maxV));
	for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) ids.add(zxyToTileId(z, x, y));
}

/** Whether tile z/x/y touches the box given in Web Mercator metres. */
function touches(tile: TileId, box: [number, number, number, number] | null): boolean {
	if (!box) return true;
	const [minU, maxV] = mercatorToTile(box[0], box[1], tile.z);
	const [maxU, minV] = mercatorToTile(box[2], box[3], tile.z);
	return (
		tile.x + 1 + MARGIN >= minU && tile.x - MARGIN <= maxU && tile.y + 1 + MARGIN >= minV && tile.y - MARGIN <= maxV
	);
}

export async function planTiles(db: Kysely<DB>, options: { maxzoom: number; bbox?: BBox }): Promise<LayerPlan[]> {
	const maxzoom = Math.min(options.maxzoom, MAX_ZOOM);
	const box = options.bbox
		? ([...toMercator(options.bbox[0], options.bbox[1]), ...toMercator(options.bbox[2], options.bbox[3])] as [
				number,
				number,
				number,
				number
			])
		: null;
	// Cameras below the switch: the cluster cells.
	const cameraIds = new Set<number>();
	const cells = await occupiedClusterCells(db, Math.min(maxzoom, CLUSTER_SWITCH_ZOOM - 1));
	for (const cell of cells) if (touches(cell, box)) cameraIds.add(zxyToTileId(cell.z, cell.x, cell.y));

	// Camera points and fields of view: from every active camera's position.
	const fovIds = new Set<number>();
	if (maxzoom >= CLUSTER_SWITCH_ZOOM || maxzoom >= layers.fov.minzoom) {
		const points = await activeCameraMercatorPoints(db, box);
		for (let z = CLUSTER_SWITCH_ZOOM; z <= maxzoom; z++) {
			for (const { px, py } of points) {
				const [u, v] = mercatorToTile(px, py, z);
				addBox(cameraIds, z, u - MARGIN, v - MARGIN, u + MARGIN, v + MARGIN);
			}
		}
		for (let z = layers.fov.minzoom; z <= maxzoom; z++) {
			const side = (2 * MERCATOR_HALF) / 2 ** z;
			for (const { px, py } of points) {
				const [u, v] = mercatorToTile(px, py, z);
				const lat = fromMercator(px, py)[1];
				const reach = FOV_REACH_METRES / mercatorScale(lat) / side + MARGIN;
				addBox(fovIds, z, u - reach, v - reach, u + reach, v + reach);
			}
		}
	}

	// Areas: every tile touching an area's box.
	const areaIds = new Set<number>();
	const boxes = await areaMercatorBoxes(db);
	for (let z = 0; z <= Math.min(maxzoom, AREAS_MAX_ZOOM); z++) {
		for (const area of boxes) {
			let [x0, y0, x1, y1] = [area.x0, area.y0, area.x1, area.y1];
			if (box)
				[x0, y0, x1, y1] = [Math.max(x0, box[0]), Math.max(y0, box[1]), Math.min(x1, box[2]), Math.min(y1, box[3])];
			if (x0 > x1 || y0 > y1) continue;
			const [minU, maxV] = mercatorToTile(x0, y0, z);
			const [maxU, minV] = mercatorToTile(x1, y1, z);
			addBox(areaIds, z, minU - MARGIN, minV - MARGIN, maxU + MARGIN, maxV + MARGIN);
		}
	}

	const sorted = (ids: Set<number>) => [...ids].sort((a, b) => a - b);
	return [
		{ layer: 'cameras', minzoom: 0, maxzoom, tileIds: sorted(cameraIds) },
		{ layer: 'fov', minzoom: layers.fov.minzoom, maxzoom, tileIds: sorted(fovIds) },
		{ layer: 'areas', minzoom: 0, maxzoom: Math.min(maxzoom, AREAS_MAX_ZOOM), tileIds: sorted(areaIds) }
	];
}

/** The tile as the live server makes it (uncompressed MVT), or null when it holds no feature. */
export async function renderSnapshotTile(
	db: Kysely<DB>,
	encoder: Encoder,
	layer: LayerName,
	tileId: number
): Promise<{ tile: TileId; bytes: Uint8Array } | null> {
	const [z, x, y] = tileIdToZxy(tileId);
	const tile = { z, x, y };
	const bytes = await renderTile(db, encoder, layer, tile, {});
	// Both encoders give 0 bytes for a tile without features.
	if (bytes.length === 0) return null;
	return { tile, bytes };
}
