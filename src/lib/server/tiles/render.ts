/**
 * One tile, from the database to MVT bytes, with either encoder:
 * - `native`: ST_AsMVT over the layer's rows, in the database (PostGIS with protobuf);
 * - `js`: the same rows read as GeoJSON in tile coordinates, encoded by `encodeTile`.
 * The app uses `native` on PostGIS and `js` on the embedded database; tests run both on PostGIS
 * and require the same tile.
 */
import { sql, type Kysely } from 'kysely';
import type { CameraFilter } from '../../schemas/camera-filter';
import type { Backend, DB } from '../db';
import { encodeTile, fromGeoJSON, type PropertyValue, type TileGeoJSON } from './encode';
import { layerQuery, type LayerName, type LayerQuery } from './layers';
import { EXTENT, type TileId } from './tile';

export type Encoder = 'native' | 'js';

export function encoderFor(backend: Backend): Encoder {
	return backend === 'postgis' ? 'native' : 'js';
}

/** The SQL that builds the tile in the database (also what the benchmark times as "raw"). */
export function nativeTileSql(query: LayerQuery) {
	const args = query.idColumn
		? sql`${query.name}::text, ${EXTENT}::int, 'geom', ${query.idColumn}::text`
		: sql`${query.name}::text, ${EXTENT}::int, 'geom'`;
	return sql<{ mvt: Uint8Array | null }>`SELECT ST_AsMVT(t, ${args}) AS mvt FROM (${query.rows}) t`;
}

async function renderNative(db: Kysely<DB>, query: LayerQuery): Promise<Uint8Array> {
	const { rows } = await nativeTileSql(query).execute(db);
	return rows[0]?.mvt ?? new Uint8Array(0);
}

type Row = Record<string, PropertyValue | null> & { __geometry: TileGeoJSON };

async function renderJs(db: Kysely<DB>, query: LayerQuery): Promise<Uint8Array> {
	const columns = [...query.fields, ...(query.idColumn ? [query.idColumn] : [])].map((name) => sql.ref(`r.${name}`));
	const { rows } = await sql<Row>`
		SELECT ${sql.join(columns)}, ST_AsGeoJSON(r.geom, 0)::json AS __geometry
		FROM (${query.rows}) r`.execute(db);
	const features = rows
		.map((row) => {
			const properties: Record<string, PropertyValue | null> = {};
			for (const field of query.fields) properties[field] = row[field];
			const id = query.idColumn ? Number(row[query.idColumn]) : undefined;
			return { id, ...fromGeoJSON(row.__geometry), properties };
		})
		// A shape smaller than a tile unit has nothing left to draw (ST_AsMVTGeom drops it too).
		.filter((feature) => feature.geometry.length > 0);
	return encodeTile([{ name: query.name, features }]);
}

export async function renderTile(
	db: Kysely<DB>,
	encoder: Encoder,
	layer: LayerName,
	tile: TileId,
	filter: CameraFilter
): Promise<Uint8Array> {
	const query = layerQuery(layer, tile, filter);
	return encoder === 'native' ? renderNative(db, query) : renderJs(db, query);
}
