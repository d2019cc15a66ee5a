/**
 * Small typed helpers around PostGIS. Geometry is built and serialised in SQL; the app only
 * ever sees numbers, GeoJSON or MVT bytes.
 */
import { sql, type RawBuilder } from 'kysely';

/** A WGS 84 point. */
export function point(lng: number, lat: number): RawBuilder<unknown> {
	return sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`;
}

/** A WGS 84 envelope from a [minLon, minLat, maxLon, maxLat] box. */
export function envelope([minLon, minLat, maxLon, maxLat]: readonly number[]): RawBuilder<unknown> {
	return sql`ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`;
}

/** A GeoJSON geometry (object or string) as a WGS 84 MultiPolygon, repaired if invalid. */
export function multiPolygonFromGeoJSON(geometry: unknown): RawBuilder<unknown> {
	const text = typeof geometry === 'string' ? geometry : JSON.stringify(geometry);
	return sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${text}), 4326)), 3))`;
}

/** A geometry column as a parsed GeoJSON object, coordinates rounded to ~1 cm. */
export function asGeoJSON<T = GeoJSONGeometry>(column: string, decimals = 7): RawBuilder<T> {
	return sql<T>`ST_AsGeoJSON(${sql.ref(column)}, ${decimals})::json`;
}

/** The longitude and latitude of a point column. */
export function lngLat<T extends number | null = number>(column: string): { lng: RawBuilder<T>; lat: RawBuilder<T> } {
	return { lng: sql<T>`ST_X(${sql.ref(column)})`, lat: sql<T>`ST_Y(${sql.ref(column)})` };
}

export interface GeoJSONGeometry {
	type: string;
	coordinates: unknown;
}
