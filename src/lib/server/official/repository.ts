/** Official lists of cameras (`lists.ts`): the lists, their points, and their comparison with the map. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { lngLat, point } from '../db/postgis';
import type { ComparisonCategory, ListPoint } from './lists';

export interface ListValues {
	name: string;
	source: string;
	published_on: string | null;
	match_radius_m?: number;
}

/** Inserts a list, or updates the one with its short name; returns its id. */
export async function saveList(db: Kysely<DB>, slug: string, values: ListValues): Promise<number> {
	const list = await db
		.insertInto('official_lists')
		.values({ slug, ...values })
		.onConflict((oc) => oc.column('slug').doUpdateSet(values))
		.returning('id')
		.executeTakeFirstOrThrow();
	return list.id;
}

/** Adds a point to a list unless the list has its reference already; true when added. */
export async function addListedCamera(db: Kysely<DB>, listId: number, listed: ListPoint): Promise<boolean> {
	const inserted = await db
		.insertInto('official_cameras')
		.values({
			list_id: listId,
			ref: listed.ref,
			location: listed.location,
			geom: point(listed.lng, listed.lat),
			properties: JSON.stringify(listed.properties)
		})
		.onConflict((oc) => oc.columns(['list_id', 'ref']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

export function readList(db: Kysely<DB>, slug: string) {
	return db
		.selectFrom('official_lists')
		.select(['id', 'slug', 'name', 'source', 'published_on', 'match_radius_m'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

/**
 * Every point of the comparison of a list with the mapped cameras (active, not imported from an
 * official list) around it: listed points, with or without a mapped camera within
 * `matchRadiusM`, and mapped cameras with no listed point that near; each with its smallest area.
 */
export async function comparisonPoints(db: Kysely<DB>, listId: number, matchRadiusM: number) {
	const { lng, lat } = lngLat('p.geom');
	const { rows } = await sql<{
		category: ComparisonCategory;
		ref: string | null;
		camera_id: number | null;
		location: string | null;
		lat: number;
		lng: number;
		area: string | null;
	}>`
		WITH listed AS (
			SELECT o.ref, o.location, o.geom FROM official_cameras o WHERE o.list_id = ${listId}
		), mapped AS (
			SELECT c.id, c.geom FROM cameras c
			WHERE c.status = 'active' AND c.source <> 'official'
				AND ST_Intersects(c.geom, (SELECT ST_Buffer(ST_ConvexHull(ST_Collect(geom))::geography, 1000)::geometry FROM listed))
		), points AS (
			SELECT CASE WHEN EXISTS (
					SELECT 1 FROM mapped m WHERE ST_DWithin(m.geom::geography, l.geom::geography, ${matchRadiusM})
				) THEN 'both' ELSE 'listed_only' END AS category,
				l.ref, NULL::bigint AS camera_id, l.location, l.geom
			FROM listed l
			UNION ALL
			SELECT 'citizens_only', NULL, m.id, NULL, m.geom FROM mapped m
			WHERE NOT EXISTS (SELECT 1 FROM listed l WHERE ST_DWithin(m.geom::geography, l.geom::geography, ${matchRadiusM}))
		)
		SELECT p.category, p.ref, p.camera_id, p.location, ${lat} AS lat, ${lng} AS lng,
			(SELECT a.slug FROM areas a WHERE ST_Intersects(a.geom, p.geom) ORDER BY a.area_km2 LIMIT 1) AS area
		FROM points p ORDER BY p.category, p.ref, p.camera_id`.execute(db);
	return rows;
}

/** Every list, newest first, with its number of points. */
export function listSummaries(db: Kysely<DB>) {
	return db
		.selectFrom('official_lists as l')
		.select(['l.slug', 'l.name', 'l.source', 'l.published_on', 'l.match_radius_m'])
		.select((eb) =>
			eb
				.selectFrom('official_cameras as o')
				.select(sql<number>`count(*)::int`.as('n'))
				.whereRef('o.list_id', '=', 'l.id')
				.as('points')
		)
		.orderBy('l.id', 'desc')
		.execute();
}
