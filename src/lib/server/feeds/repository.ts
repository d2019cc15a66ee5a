/**
 * The feeds' queries: the latest `create` and `remove` revisions (for the whole map or inside an
 * area) and the area a feed is about.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';

export const FEED_ENTRIES = 50;

export interface FeedEntry {
	cameraId: number;
	kind: 'verified' | 'removed';
	day: string;
	surveillanceType: string;
	source: string;
}

export async function feedEntries(db: Kysely<DB>, areaId?: number): Promise<FeedEntry[]> {
	const rows = await db
		.selectFrom('camera_revisions as r')
		.innerJoin('cameras as c', 'c.id', 'r.camera_id')
		.select([
			'r.camera_id',
			'r.action',
			'c.surveillance_type',
			'c.source',
			sql<string>`to_char((r.created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')`.as('day')
		])
		.where('r.action', 'in', ['create', 'remove'])
		.$if(areaId !== undefined, (query) =>
			query.where(sql<boolean>`ST_Intersects(c.geom, (SELECT geom FROM areas WHERE id = ${areaId!}))`)
		)
		.orderBy('r.id', 'desc')
		.limit(FEED_ENTRIES)
		.execute();
	return rows.map((row) => ({
		cameraId: row.camera_id,
		kind: row.action === 'create' ? 'verified' : 'removed',
		day: row.day,
		surveillanceType: row.surveillance_type,
		source: row.source
	}));
}

export async function findArea(db: Kysely<DB>, slug: string) {
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return undefined;
	return db
		.selectFrom('areas')
		.select(['id', 'slug', 'name_sr_latn', 'name_sr_cyrl', 'name_en'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}
