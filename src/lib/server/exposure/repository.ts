/**
 * A route's exposure, computed in PostGIS: which active cameras' fields of view (the stored
 * `fov_3857` polygons) the route crosses, and how many ground metres of it lie inside at least
 * one of them.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export interface RouteExposure {
	lengthM: number;
	coveredM: number;
	share: number;
	cameras: { id: number; metres: number }[];
	/** The watched parts of the route (WGS 84, 6 decimals), for the map; null when none is. */
	covered: { type: 'MultiLineString'; coordinates: [number, number][][] } | null;
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function routeExposure(db: Kysely<DB>, route: readonly [number, number][]): Promise<RouteExposure> {
	const line = `LINESTRING(${route.map(([lng, lat]) => `${lng} ${lat}`).join(',')})`;
	const { rows } = await sql<{
		length: number;
		covered: number | null;
		cameras: { id: number; metres: number }[] | null;
		parts: { type: 'MultiLineString'; coordinates: [number, number][][] } | null;
	}>`
		WITH route AS (
			SELECT ST_GeomFromText(${line}, 4326) AS geom, ST_Transform(ST_GeomFromText(${line}, 4326), 3857) AS mercator
		), seeing AS (
			SELECT c.id, ST_Transform(ST_CollectionExtract(ST_Intersection(c.fov_3857, route.mercator), 2), 4326) AS part
			FROM cameras c, route
			WHERE c.status = 'active' AND c.fov_3857 && route.mercator AND ST_Intersects(c.fov_3857, route.mercator)
		)
		SELECT (SELECT ST_Length(geom::geography) FROM route) AS length,
			(SELECT ST_Length(ST_Union(part)::geography) FROM seeing) AS covered,
			(SELECT ST_AsGeoJSON(ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Union(part), 2))), 6)::json FROM seeing) AS parts,
			(SELECT json_agg(json_build_object('id', id, 'metres', ST_Length(part::geography)) ORDER BY id) FROM seeing) AS cameras`.execute(
		db
	);
	const { length, covered, cameras, parts } = rows[0];
	return {
		lengthM: round(length),
		coveredM: round(covered ?? 0),
		share: length > 0 ? Math.round(((covered ?? 0) / length) * 1000) / 1000 : 0,
		cameras: (cameras ?? []).map((camera) => ({ id: camera.id, metres: round(camera.metres) })),
		covered: parts && parts.coordinates.length > 0 ? parts : null
	};
}
