/**
 * Tile math that only tests and benchmarks need: the tile holding a place, and the cluster cell
 * of a Mercator point computed in JavaScript, to check what the database computes.
 */
import { mercatorToTile, tileOf } from '../../src/lib/geo/earth';
import type { TileId } from '../../src/lib/server/tiles/tile';

/** The cell (at zoom `zoom`) holding a Web Mercator point; the formula the migration uses. */
export function cellOf(px: number, py: number, zoom: number): { cx: number; cy: number } {
	const n = 2 ** zoom;
	const clamp = (value: number) => Math.min(Math.max(Math.floor(value), 0), n - 1);
	const [u, v] = mercatorToTile(px, py, zoom);
	return { cx: clamp(u), cy: clamp(v) };
}

/** The tile holding a WGS 84 point at zoom z. */
export function tileAt(lng: number, lat: number, z: number): TileId {
	const [x, y] = tileOf(lng, lat, z);
	return { z, x, y };
}
