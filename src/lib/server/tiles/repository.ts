/**
 * The tiles' queries outside the layer definitions (./layers.ts, where each layer is its query):
 * running a layer's query to MVT bytes or to GeoJSON rows, the data version and the compaction
 * of the cluster cells, and where each layer has data.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { PropertyValue, TileGeoJSON } from './encode';
import type { LayerQuery } from './layers';
import { EXTENT } from './tile';

/** The SQL that builds the tile in the database (also what the benchmark times as "raw"). */
export function nativeTileSql(query: LayerQuery) {
	const args = query.idColumn
		? sql`${query.name}::text, ${EXTENT}::int, 'geom', ${query.idColumn}::text`
		: sql`${query.name}::text, ${EXTENT}::int, 'geom'`;
	return sql<{ mvt: Uint8Array | null }>`SELECT ST_AsMVT(t, ${args}) AS mvt FROM (${query.rows}) t`;
}

/** The layer's tile encoded by the database (ST_AsMVT); empty when the tile has no features. */
export async function readNativeTile(db: Kysely<DB>, query: LayerQuery): Promise<Uint8Array> {
	const { rows } = await nativeTileSql(query).execute(db);
	return rows[0]?.mvt ?? new Uint8Array(0);
}

export type TileFeatureRow = Record<string, PropertyValue | null> & { __geometry: TileGeoJSON };

/** The layer's rows with their geometry as GeoJSON in tile coordinates (`__geometry`), to encode in JS. */
export async function readTileFeatures(db: Kysely<DB>, query: LayerQuery): Promise<TileFeatureRow[]> {
	const columns = [...query.fields, ...(query.idColumn ? [query.idColumn] : [])].map((name) => sql.ref(`r.${name}`));
	const { rows } = await sql<TileFeatureRow>`
		SELECT ${sql.join(columns)}, ST_AsGeoJSON(r.geom, 0)::json AS __geometry
		FROM (${query.rows}) r`.execute(db);
	return rows;
}

/** The data version as the given database has it (on a replica: as far as it has replayed). */
export async function readDataVersion(db: Kysely<DB>): Promise<number> {
	const row = await db.selectFrom('tile_data_version').select('version').executeTakeFirstOrThrow();
	return Number(row.version);
}

/** Folds up to `limit` cluster-cell deltas into their cells (`tile_cells_compact`, migrations/0003_tiles.sql). */
export async function compactCameraCells(db: Kysely<DB>, limit: number): Promise<void> {
	await sql`SELECT tile_cells_compact(${limit}::int)`.execute(db);
}

/** The bounding box of all areas (`xmin` null when there are none), and whether any comes from OpenStreetMap. */
export async function readAreasExtent(db: Kysely<DB>) {
	const { rows } = await sql<{ xmin: number | null; ymin: number; xmax: number; ymax: number; osm: boolean }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax,
			(SELECT EXISTS (SELECT 1 FROM areas WHERE source ILIKE '%openstreetmap%' OR source ILIKE 'osm%')) AS osm
		FROM (SELECT ST_Extent(geom)::geometry AS e FROM areas) s`.execute(db);
	return rows[0];
}

/** The range of zoom-10 tile columns and rows (`x1`, `y1` exclusive) holding cameras; `x0` null when none. */
export async function readCameraCellsExtent(db: Kysely<DB>) {
	// Cells of zoom 6 + 4 = 10 (about 40 km): coarse, cheap, and always rounded outwards.
	const { rows } = await sql<{ x0: number | null; y0: number; x1: number; y1: number }>`
		SELECT min(cx) AS x0, min(cy) AS y0, max(cx) + 1 AS x1, max(cy) + 1 AS y1
		FROM (SELECT cx, cy FROM camera_cells WHERE z = 6 GROUP BY cx, cy HAVING sum(n) > 0) s`.execute(db);
	return rows[0];
}

/**
 * Where the cameras are densest: the mean Web Mercator place of the cameras in the fullest
 * cluster cell of zoom 10 + 4 = 14 (about 2 km); undefined when there are none. The cells are
 * counted already (migrations/0003_tiles.sql), so this does not read the cameras themselves.
 */
export async function readBusiestCell(db: Kysely<DB>): Promise<{ x: number; y: number } | undefined> {
	const { rows } = await sql<{ n: number; x: number; y: number }>`
		SELECT sum(n)::float8 AS n, sum(sum_x)::float8 AS x, sum(sum_y)::float8 AS y
		FROM camera_cells WHERE z = 10 GROUP BY cx, cy HAVING sum(n) > 0
		ORDER BY sum(n) DESC, cx, cy LIMIT 1`.execute(db);
	const cell = rows[0];
	return cell ? { x: cell.x / cell.n, y: cell.y / cell.n } : undefined;
}
