/** Administrative areas: outlines for the map and names in three scripts. */
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { asGeoJSON } from '../db/postgis';

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
