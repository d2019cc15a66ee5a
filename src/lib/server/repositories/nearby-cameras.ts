/**
 * Known cameras around a point, nearest first: the report page's "is it one of these?".
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { lngLat, point } from '../db/postgis';

export interface NearbyCamera {
	id: number;
	lat: number;
	lng: number;
	/** Metres on the ground (geodesic), rounded to 0.1 m. */
	distance: number;
	surveillance_type: string;
	camera_type: string | null;
	camera_mount: string | null;
	camera_direction: number[];
}

export const MAX_NEARBY_RADIUS_M = 500;
export const MAX_NEARBY_RESULTS = 50;

export async function list(db: Kysely<DB>, lat: number, lng: number, radius: number): Promise<NearbyCamera[]> {
	const centre = point(lng, lat);
	// A box in degrees around the point lets the GiST index narrow the candidates before the
	// exact geodesic distance is computed (1° of latitude ≈ 111 km; longitude shrinks with cos φ).
	const degrees = radius / 111_000 / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
	const distance = sql<number>`ST_Distance(geom::geography, ${centre}::geography)`;
	const { lng: x, lat: y } = lngLat('geom');
	const rows = await db
		.selectFrom('cameras')
		.select(['id', 'surveillance_type', 'camera_type', 'camera_mount', 'camera_direction'])
		.select([x.as('lng'), y.as('lat'), distance.as('distance')])
		.where('status', '=', 'active')
		.where(sql<boolean>`geom && ST_Expand(${centre}, ${degrees})`)
		.where(sql<boolean>`ST_DWithin(geom::geography, ${centre}::geography, ${radius})`)
		.orderBy(distance)
		.limit(MAX_NEARBY_RESULTS)
		.execute();
	return rows.map((row) => ({ ...row, distance: Math.round(row.distance * 10) / 10 }));
}
