/**
 * Administrative areas: outlines for the map and names in three scripts, their import, and the
 * camera counts officials have claimed for them.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db';
import { asGeoJSON, multiPolygonFromGeoJSON } from '../db/postgis';

export async function listOutlines(db: Kysely<DB>) {
	const rows = await db
		.selectFrom('areas')
		.select(['id', 'slug', 'level', 'name_sr_latn', 'name_sr_cyrl', 'name_en', 'population', 'area_km2'])
		.select(asGeoJSON('geom', 5).as('geometry'))
		.orderBy('id')
		.execute();
	return rows.map(({ geometry, ...properties }) => ({
		type: 'Feature' as const,
		id: properties.id,
		geometry,
		properties
	}));
}

/** The box around every area, [minLon, minLat, maxLon, maxLat], or undefined when there are none. */
export async function extent(db: Kysely<DB>): Promise<[number, number, number, number] | undefined> {
	const row = await db
		.selectFrom('areas')
		.select((eb) => [
			eb.fn.min<number>(eb.fn('ST_XMin', ['geom'])).as('minLon'),
			eb.fn.min<number>(eb.fn('ST_YMin', ['geom'])).as('minLat'),
			eb.fn.max<number>(eb.fn('ST_XMax', ['geom'])).as('maxLon'),
			eb.fn.max<number>(eb.fn('ST_YMax', ['geom'])).as('maxLat')
		])
		.executeTakeFirst();
	if (!row || row.minLon === null) return undefined;
	return [row.minLon, row.minLat, row.maxLon, row.maxLat];
}

/** Every area's slug and names, smallest first (for pickers and filters). */
export function listNames(db: Kysely<DB>) {
	return db
		.selectFrom('areas')
		.select(['slug', 'name_sr_latn', 'name_sr_cyrl', 'name_en'])
		.orderBy('area_km2')
		.execute();
}

/** One area's names, or undefined when there is no area with this short name. */
export function namesBySlug(db: Kysely<DB>, slug: string) {
	return db
		.selectFrom('areas')
		.select(['name_sr_latn', 'name_sr_cyrl', 'name_en'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

/** The slugs and names of the areas with these short names (an empty list gives none). */
export function namesOf(db: Kysely<DB>, slugs: string[]) {
	return db
		.selectFrom('areas')
		.select(['slug', 'name_sr_latn', 'name_sr_cyrl', 'name_en'])
		.where('slug', 'in', slugs.concat(['']))
		.execute();
}

/** An area's name in the reader's script. */
export function areaName(area: { name_sr_latn: string; name_sr_cyrl: string; name_en: string }, locale: string) {
	return locale === 'en' ? area.name_en : locale === 'sr-Cyrl' ? area.name_sr_cyrl : area.name_sr_latn;
}

/** One area's slug, names and box [minLon, minLat, maxLon, maxLat], or undefined. */
export async function bySlug(db: Kysely<DB>, slug: string) {
	const row = await db
		.selectFrom('areas')
		.select(['slug', 'name_sr_latn', 'name_sr_cyrl', 'name_en'])
		.select((eb) => [
			eb.fn<number>('ST_XMin', ['geom']).as('minLon'),
			eb.fn<number>('ST_YMin', ['geom']).as('minLat'),
			eb.fn<number>('ST_XMax', ['geom']).as('maxLon'),
			eb.fn<number>('ST_YMax', ['geom']).as('maxLat')
		])
		.where('slug', '=', slug)
		.executeTakeFirst();
	if (!row) return undefined;
	const { minLon, minLat, maxLon, maxLat, ...names } = row;
	return { ...names, bounds: [minLon, minLat, maxLon, maxLat] as [number, number, number, number] };
}

/** Every area with its sources, for the admin page. */
export function listForAdmin(db: Kysely<DB>) {
	return db
		.selectFrom('areas')
		.select(['slug', 'level', 'name_sr_latn', 'name_sr_cyrl', 'name_en', 'population', 'population_source', 'source'])
		.select('area_km2')
		.orderBy('level')
		.orderBy('name_sr_latn')
		.execute();
}

// Import (`import.ts`).

/**
 * What PostGIS makes of a GeoJSON geometry: valid or why not, polygonal, inside WGS 84's range,
 * empty once repaired. Throws when it cannot be read at all.
 */
export async function describeGeometry(db: Kysely<DB>, geometry: unknown) {
	const json = JSON.stringify(geometry);
	const { rows } = await sql<{ valid: boolean; reason: string; polygonal: boolean; empty: boolean }>`
		WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${json}::text), 4326) AS geom)
		SELECT ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason,
			GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AS polygonal,
			(ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -90 AND ST_YMax(geom) <= 90)
				AS in_range,
			ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(geom), 3)) AS empty
		FROM g`.execute(db);
	return rows;
}

export interface ImportedArea {
	slug: string;
	level: Insertable<DB['areas']>['level'];
	names: { latn: string; cyrl: string; en: string };
	population: number | null;
	populationSource: string | null;
	source: string | null;
	geometry: unknown;
}

/** Inserts an area, or replaces the one with its short name; its km² are measured here. */
export async function upsert(db: Kysely<DB>, area: ImportedArea): Promise<void> {
	const geom = multiPolygonFromGeoJSON(area.geometry);
	const values = {
		level: area.level,
		name_sr_latn: area.names.latn,
		name_sr_cyrl: area.names.cyrl,
		name_en: area.names.en,
		population: area.population,
		population_source: area.populationSource,
		source: area.source,
		geom,
		area_km2: sql<number>`ST_Area(${geom}::geography) / 1e6`
	};
	await db
		.insertInto('areas')
		.values({ slug: area.slug, ...values })
		.onConflict((oc) => oc.column('slug').doUpdateSet(values))
		.execute();
}

// Claims (`claims.ts`): the number of cameras an official source stated for an area.

export function listClaims(db: Kysely<DB>) {
	return db
		.selectFrom('area_claims')
		.innerJoin('areas', 'areas.id', 'area_claims.area_id')
		.select(['areas.slug', 'area_claims.cameras', 'area_claims.source', 'area_claims.stated_on', 'area_claims.url'])
		.execute();
}

/** The id of the area with this short name, its row locked for the transaction when `lock`. */
export async function idBySlug(db: Kysely<DB>, slug: string, lock = false): Promise<number | undefined> {
	const area = await db
		.selectFrom('areas')
		.select('id')
		.where('slug', '=', slug)
		.$if(lock, (query) => query.forUpdate())
		.executeTakeFirst();
	return area?.id;
}

export function readClaim(db: Kysely<DB>, areaId: number) {
	return db
		.selectFrom('area_claims')
		.select(['cameras', 'source', 'stated_on', 'url'])
		.where('area_id', '=', areaId)
		.executeTakeFirst();
}

export interface ClaimValues {
	cameras: number;
	source: string;
	stated_on: string;
	url: string | null;
}

export async function saveClaim(db: Kysely<DB>, areaId: number, values: ClaimValues): Promise<void> {
	await db
		.insertInto('area_claims')
		.values({ area_id: areaId, ...values })
		.onConflict((oc) => oc.column('area_id').doUpdateSet({ ...values, updated_at: new Date() }))
		.execute();
}

/** Deletes the area's claim; returns it, or undefined when there was none. */
export function deleteClaim(db: Kysely<DB>, areaId: number) {
	return db
		.deleteFrom('area_claims')
		.where('area_id', '=', areaId)
		.returning(['cameras', 'source', 'stated_on', 'url'])
		.executeTakeFirst();
}
