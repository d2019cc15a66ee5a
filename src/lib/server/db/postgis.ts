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

/**
 * The x and y of a point: a column by name (`'c.geom_3857'`) or any SQL expression of a point
 * (`sql\`ST_PointOnSurface(geom)\``). With `decimals`, rounded to that many places and handed
 * over as float8 (a `numeric` would reach the app as text). The one place that writes `ST_X` and
 * `ST_Y`: for a WebMercator point the metres east and north, for WGS 84 see `lngLat`.
 */
export function pointXY<T extends number | null = number>(
	place: string | RawBuilder<unknown>,
	decimals?: number
): { x: RawBuilder<T>; y: RawBuilder<T> } {
	const geometry = typeof place === 'string' ? sql.ref(place) : place;
	if (decimals === undefined) return { x: sql<T>`ST_X(${geometry})`, y: sql<T>`ST_Y(${geometry})` };
	const places = sql.lit(decimals);
	return {
		x: sql<T>`round(ST_X(${geometry})::numeric, ${places})::float8`,
		y: sql<T>`round(ST_Y(${geometry})::numeric, ${places})::float8`
	};
}

/**
 * The longitude and latitude of a WGS 84 point, a column or an expression (see `pointXY`),
 * optionally rounded to `decimals` places (6: about 10 cm).
 */
export function lngLat<T extends number | null = number>(
	place: string | RawBuilder<unknown>,
	decimals?: number
): { lng: RawBuilder<T>; lat: RawBuilder<T> } {
	const { x, y } = pointXY<T>(place, decimals);
	return { lng: x, lat: y };
}

export interface GeoJSONGeometry {
	type: string;
	coordinates: unknown;
}
