/**
 * The Earth as the project measures it, in one place for the browser, the server, the scripts
 * and the benchmarks: Web Mercator (EPSG:3857, the projection of the map, the tiles and the
 * stored `*_3857` columns), XYZ tile coordinates, and distances on the ground. Pure functions,
 * no imports, unit-tested against known values (tests/unit/geo/earth.test.ts).
 *
 * Two radii on purpose: Web Mercator is defined on a sphere of the WGS 84 semi-major axis;
 * distances use the mean radius, which is what haversine on a sphere gets closest to the
 * ellipsoid with (PostGIS `geography` measures on the ellipsoid; within 0.5 % of it).
 */

/** WGS 84 semi-major axis in metres: the sphere Web Mercator projects. */
export const MERCATOR_RADIUS = 6_378_137;
/** Mean Earth radius (IUGG) in metres, for distances along the ground. */
export const MEAN_RADIUS = 6_371_008.8;
/** Half the width of the Web Mercator square in metres (π × 6 378 137 = 20 037 508.34…). */
export const MERCATOR_HALF = Math.PI * MERCATOR_RADIUS;
/** The latitude where the Web Mercator square ends (its top edge, y = MERCATOR_HALF). */
export const MERCATOR_MAX_LAT = 85.0511287798066;
/**
 * Ground metres per degree of latitude, and of longitude at the equator (on the Mercator sphere).
 * A degree of latitude is really 110.6–111.7 km; use `degreesAround` for a box that must cover.
 */
export const METRES_PER_DEGREE = (Math.PI / 180) * MERCATOR_RADIUS;
/** The shortest a degree of latitude is on the WGS 84 ellipsoid (at the equator), in metres. */
const SHORTEST_DEGREE_OF_LATITUDE = 110_574;

export type LngLat = readonly [lng: number, lat: number] | readonly number[];

export const radians = (degrees: number) => (degrees * Math.PI) / 180;
export const degrees = (radians: number) => (radians * 180) / Math.PI;

/** Web Mercator x/y in metres of a WGS 84 position; latitudes beyond the square are clamped to it. */
export function toMercator(lng: number, lat: number): [x: number, y: number] {
	const clamped = Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat));
	return [radians(lng) * MERCATOR_RADIUS, Math.log(Math.tan(Math.PI / 4 + radians(clamped) / 2)) * MERCATOR_RADIUS];
}

/** WGS 84 longitude/latitude of a Web Mercator point (metres). */
export function fromMercator(x: number, y: number): [lng: number, lat: number] {
	return [degrees(x / MERCATOR_RADIUS), degrees(2 * Math.atan(Math.exp(y / MERCATOR_RADIUS)) - Math.PI / 2)];
}

/**
 * Ground metres per Web Mercator metre at a latitude (cos φ): Mercator stretches everything by
 * 1 / cos φ, so a distance of d ground metres is d / cos φ Mercator metres there.
 */
export const mercatorScale = (lat: number) => Math.cos(radians(lat));

/** Tile-space coordinates (fractional column, row; 0..2^z from the north-west) of a Web Mercator point. */
export function mercatorToTile(x: number, y: number, z: number): [u: number, v: number] {
	const n = 2 ** z;
	return [((x + MERCATOR_HALF) / (2 * MERCATOR_HALF)) * n, ((MERCATOR_HALF - y) / (2 * MERCATOR_HALF)) * n];
}

/** Web Mercator x/y of a tile-space point (inverse of `mercatorToTile`). */
export function tileToMercator(u: number, v: number, z: number): [x: number, y: number] {
	const n = 2 ** z;
	return [(u / n) * 2 * MERCATOR_HALF - MERCATOR_HALF, MERCATOR_HALF - (v / n) * 2 * MERCATOR_HALF];
}

/** The tile (column, row) holding a WGS 84 position at zoom z, clamped to the grid. */
export function tileOf(lng: number, lat: number, z: number): [x: number, y: number] {
	const last = 2 ** z - 1;
	const [u, v] = mercatorToTile(...toMercator(lng, lat), z);
	const clamp = (value: number) => Math.min(Math.max(Math.floor(value), 0), last);
	return [clamp(u), clamp(v)];
}

/** WGS 84 longitude/latitude of a tile-space point: (x, y) is the north-west corner of tile x/y. */
export function tileToLngLat(u: number, v: number, z: number): [lng: number, lat: number] {
	return fromMercator(...tileToMercator(u, v, z));
}

/** Metres along the ground between two [lng, lat] positions (haversine on the mean radius). */
export function groundMetres([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
	const h =
		Math.sin(radians(lat2 - lat1) / 2) ** 2 +
		Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(radians(lng2 - lng1) / 2) ** 2;
	return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres along the ground of a line of [lng, lat] positions. */
export function lineMetres(line: readonly LngLat[]): number {
	let total = 0;
	for (let i = 1; i < line.length; i++) total += groundMetres(line[i - 1], line[i]);
	return total;
}

/**
 * The position `metres` from `from` towards `bearing` (degrees clockwise from north), on a local
 * flat map: within a fraction of a percent up to a few hundred metres, which is all it is used for.
 */
export function offsetLngLat([lng, lat]: LngLat, bearing: number, metres: number): [lng: number, lat: number] {
	const dLat = (metres * Math.cos(radians(bearing))) / METRES_PER_DEGREE;
	const dLng = (metres * Math.sin(radians(bearing))) / (METRES_PER_DEGREE * mercatorScale(lat));
	return [lng + dLng, lat + dLat];
}

/** Degrees clockwise from north (0 ≤ b < 360) from one position to another, on a local flat map. */
export function bearingDegrees([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
	const dx = (lng2 - lng1) * mercatorScale(lat1);
	return (degrees(Math.atan2(dx, lat2 - lat1)) + 360) % 360;
}

/**
 * Half sides in degrees of a box that holds every point within `metres` of a position at `lat`:
 * errs on the large side (the shortest degree of latitude; cos φ floored so boxes near the
 * poles stay finite), so a box search followed by an exact distance test misses nothing.
 */
export function degreesAround(lat: number, metres: number): { dLng: number; dLat: number } {
	const dLat = metres / SHORTEST_DEGREE_OF_LATITUDE;
	const widest = Math.min(90, Math.abs(lat) + dLat);
	return { dLng: metres / (SHORTEST_DEGREE_OF_LATITUDE * Math.max(0.01, Math.cos(radians(widest)))), dLat };
}
