/**
 * The snapshot's queries: where there is something to draw, to choose the tiles of a snapshot
 * (./tiles.ts); the tiles themselves come from the tile layers.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import { pointXY } from '../db/postgis';

/** The cluster cells holding at least one camera, up to zoom `maxZoom`. */
export async function occupiedClusterCells(db: Kysely<DB>, maxZoom: number) {
	const { rows } = await sql<{ z: number; x: number; y: number }>`
		SELECT z, x, y FROM camera_cells WHERE z <= ${maxZoom}
		GROUP BY z, x, y HAVING sum(n) > 0`.execute(db);
	return rows;
}

/** Every active camera's position in Web Mercator metres; with a box (Mercator), those within 1 km of it. */
export async function activeCameraMercatorPoints(db: Kysely<DB>, box: [number, number, number, number] | null) {
	const inBox = box
		? sql<boolean>`c.geom_3857 && ST_Expand(ST_MakeEnvelope(${box[0]}::float8, ${box[1]}::float8, ${box[2]}::float8, ${box[3]}::float8, 3857), 1000)`
		: sql<boolean>`true`;
	const { x, y } = pointXY('c.geom_3857');
	const { rows } = await sql<{ px: number; py: number }>`
		SELECT ${x} AS px, ${y} AS py FROM cameras c
		WHERE c.status = 'active' AND ${inBox}`.execute(db);
	return rows;
}

/** Each area's bounding box in Web Mercator metres. */
export async function areaMercatorBoxes(db: Kysely<DB>) {
	const { rows } = await sql<{ x0: number; y0: number; x1: number; y1: number }>`
		SELECT ST_XMin(b) AS x0, ST_YMin(b) AS y0, ST_XMax(b) AS x1, ST_YMax(b) AS y1
		FROM (SELECT ST_Transform(ST_Envelope(geom), 3857) AS b FROM areas) s`.execute(db);
	return rows;
}
