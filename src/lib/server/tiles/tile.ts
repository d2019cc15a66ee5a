/**
 * Tile math for Web Mercator XYZ tiles (the scheme MapLibre, ST_TileEnvelope and TileJSON's
 * default "xyz" use): tile bounds in EPSG:3857 metres, the cluster grid, and what a tile request
 * may ask for. Pure functions, unit-tested; the projection itself is in src/lib/geo/earth.ts.
 */
import { MERCATOR_HALF } from '../../geo/earth';

/** Tile coordinates run 0..EXTENT (4096, the MVT default). */
export const EXTENT = 4096;
/** Geometry is kept up to BUFFER units outside the tile so symbols at the edge are not cut. */
export const BUFFER = 64;
/** Highest zoom served; MapLibre over-zooms beyond it. */
export const MAX_ZOOM = 16;
/**
 * The cluster grid: each low-zoom tile is cut into 2^CELL_BITS × 2^CELL_BITS cells (16 × 16,
 * 32 px on a 512 px tile). Must match the `>> 4` / `z + 4` in migrations/0003_tiles.sql.
 */
export const CELL_BITS = 4;
/** camera_cells holds zooms 0..CELLS_MAX_ZOOM (migrations/0003_tiles.sql). */
export const CELLS_MAX_ZOOM = 14;

export interface TileId {
	z: number;
	x: number;
	y: number;
}

export interface Bounds {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** Whether z/x/y name a tile that exists (z in 0..maxZoom, x and y in 0..2^z - 1). */
export function isValidTile({ z, x, y }: TileId, maxZoom = MAX_ZOOM): boolean {
	if (![z, x, y].every(Number.isSafeInteger)) return false;
	if (z < 0 || z > maxZoom) return false;
	const size = 2 ** z;
	return x >= 0 && x < size && y >= 0 && y < size;
}

/** The tile's square in EPSG:3857 metres, computed like ST_TileEnvelope. */
export function tileBounds({ z, x, y }: TileId): Bounds {
	const size = (2 * MERCATOR_HALF) / 2 ** z;
	return {
		minX: -MERCATOR_HALF + x * size,
		maxX: -MERCATOR_HALF + (x + 1) * size,
		minY: MERCATOR_HALF - (y + 1) * size,
		maxY: MERCATOR_HALF - y * size
	};
}
