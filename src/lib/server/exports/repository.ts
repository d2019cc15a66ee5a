/**
 * The open data's queries: the exported cameras a batch at a time (`cameras.ts`) and the record of
 * dated releases, `data_releases` (`releases.ts`).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { DataReleaseFile } from '../db/schema';
import { envelope, lngLat } from '../db/postgis';
import { filterConditions } from '../tiles/layers';
import type { CameraFilter } from '../../schemas/camera-filter';
import { exportColumns } from '../../cameras/fields';

/** Which cameras an export holds. */
export interface ExportSelection {
	filter: CameraFilter;
	/** Optional box, `[minLon, minLat, maxLon, maxLat]`. */
	bbox?: readonly number[];
	/** Optional area (its slug): the cameras inside its outline (an area page's press kit). */
	area?: string;
	/** Leave out records that came from OpenStreetMap (the OSM export). */
	withoutOsm?: boolean;
}

function selectBatch(db: Kysely<DB>, selection: ExportSelection, after: number, limit: number) {
	const { lng, lat } = lngLat('c.geom', 6);
	return db
		.selectFrom('cameras as c')
		.select([...exportColumns.map((name) => `c.${name}` as const), 'c.source_ref', lng.as('lon'), lat.as('lat')])
		.where(filterConditions(selection.filter))
		.$if(selection.bbox !== undefined, (query) => query.where(sql<boolean>`c.geom && ${envelope(selection.bbox!)}`))
		.$if(selection.withoutOsm === true, (query) => query.where('c.source', '!=', 'osm'))
		.$if(selection.area !== undefined, (query) =>
			query.where(
				sql<boolean>`EXISTS (SELECT 1 FROM areas a WHERE a.slug = ${selection.area!} AND a.geom && c.geom AND ST_Intersects(a.geom, c.geom))`
			)
		)
		.where('c.id', '>', after)
		.orderBy('c.id')
		.limit(limit);
}

/** A camera as read for export: the registry's export columns, `source_ref`, `lon` and `lat`. */
export type ExportRow = Awaited<ReturnType<ReturnType<typeof selectBatch>['execute']>>[number];

/**
 * The selected cameras with an id above `after`, in id order, at most `limit`: one step of a
 * keyset cursor over the primary key.
 */
export function cameraBatch(
	db: Kysely<DB>,
	selection: ExportSelection,
	after: number,
	limit: number
): Promise<ExportRow[]> {
	return selectBatch(db, selection, after, limit).execute();
}

// Releases.

/** The names of the releases whose name starts with `prefix` (a day: its releases). */
export async function releaseNamesStartingWith(db: Kysely<DB>, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom('data_releases').select('name').where('name', 'like', `${prefix}%`).execute();
	return rows.map((row) => row.name);
}

/** The name of the latest release, or undefined before the first. */
export async function latestReleaseName(db: Kysely<DB>): Promise<string | undefined> {
	const row = await db.selectFrom('data_releases').select('name').orderBy('id', 'desc').limit(1).executeTakeFirst();
	return row?.name;
}

export type NewRelease = Omit<Insertable<DB['data_releases']>, 'files'> & { files: DataReleaseFile[] };

export async function insertRelease(db: Kysely<DB>, release: NewRelease): Promise<void> {
	await db
		.insertInto('data_releases')
		.values({ ...release, files: JSON.stringify(release.files) })
		.execute();
}

export interface ReleaseRow {
	name: string;
	releasedOn: string;
	cameras: number;
	previous: string | null;
	added: number;
	removed: number;
	changed: number;
	addedIds: number[];
	removedIds: number[];
	changedIds: number[];
	files: DataReleaseFile[];
}

/** The file list as the driver hands it over: parsed JSON, or its text. */
const parseFiles = (files: DataReleaseFile[] | string): DataReleaseFile[] =>
	typeof files === 'string' ? JSON.parse(files) : files;

/** Every release, newest first. */
export async function listReleases(db: Kysely<DB>): Promise<ReleaseRow[]> {
	const rows = await db
		.selectFrom('data_releases')
		.select([
			'name',
			'released_on',
			'cameras',
			'previous',
			'added',
			'removed',
			'changed',
			'added_ids',
			'removed_ids',
			'changed_ids',
			'files'
		])
		.orderBy('id', 'desc')
		.execute();
	return rows.map((row) => ({
		name: row.name,
		releasedOn: row.released_on,
		cameras: row.cameras,
		previous: row.previous,
		added: row.added,
		removed: row.removed,
		changed: row.changed,
		addedIds: row.added_ids.map(Number),
		removedIds: row.removed_ids.map(Number),
		changedIds: row.changed_ids.map(Number),
		files: parseFiles(row.files)
	}));
}

/** The files a release holds, as recorded, or undefined when there is no such release. */
export async function filesOfRelease(db: Kysely<DB>, release: string): Promise<DataReleaseFile[] | undefined> {
	const row = await db.selectFrom('data_releases').select('files').where('name', '=', release).executeTakeFirst();
	return row && parseFiles(row.files);
}
