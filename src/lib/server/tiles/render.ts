/**
 * One tile, from the database to MVT bytes, with either encoder:
 * - `native`: ST_AsMVT over the layer's rows, in the database (PostGIS with protobuf);
 * - `js`: the same rows read as GeoJSON in tile coordinates, encoded by `encodeTile`.
 * The app uses `native` on PostGIS and `js` on the embedded database; tests run both on PostGIS
 * and require the same tile.
 */
import type { Kysely } from 'kysely';
import type { CameraFilter } from '../../schemas/camera-filter';
import type { Backend, DB } from '../db';
import { encodeTile, fromGeoJSON, type PropertyValue } from './encode';
import { layerQuery, type LayerName, type LayerQuery } from './layers';
import { readNativeTile, readTileFeatures } from './repository';
import type { TileId } from './tile';

export type Encoder = 'native' | 'js';

export function encoderFor(backend: Backend): Encoder {
	return backend === 'postgis' ? 'native' : 'js';
}

async function renderJs(db: Kysely<DB>, query: LayerQuery): Promise<Uint8Array> {
	const features = (await readTileFeatures(db, query))
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
	return encoder === 'native' ? readNativeTile(db, query) : renderJs(db, query);
}
