/** Leads from OpenStreetMap (`leads.ts`): the `camera_leads` table, read and written. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { envelope, lngLat, point } from '../db/postgis';
import type { LeadAttributes } from './tags';

export interface Lead {
	id: number;
	osmType: 'node' | 'way';
	osmId: number;
	lng: number;
	lat: number;
	tags: Record<string, string>;
	attributes: LeadAttributes;
	status: 'open' | 'confirmed' | 'rejected' | 'merged';
	cameraId: number | null;
}

/** A lead as imported: an OpenStreetMap object and the camera attributes read from its tags. */
export interface ImportedLead {
	osmType: 'node' | 'way';
	osmId: number;
	osmVersion: number | null;
	lng: number;
	lat: number;
	tags: Record<string, string>;
	attributes: LeadAttributes;
}

/**
 * Inserts new leads and updates known ones (by OSM type and id) whose tags or place changed;
 * counts both. An unchanged lead is not written.
 */
export async function upsertLeads(trx: Kysely<DB>, leads: ImportedLead[]): Promise<{ added: number; updated: number }> {
	const rows = leads.map((lead) => ({
		osm_type: lead.osmType,
		osm_id: lead.osmId,
		osm_version: lead.osmVersion,
		geom: point(lead.lng, lead.lat),
		tags: JSON.stringify(lead.tags),
		attributes: JSON.stringify(lead.attributes)
	}));
	// Changed rows only (a row the WHERE skips returns nothing); xmax = 0 on a fresh insert.
	const written = await trx
		.insertInto('camera_leads')
		.values(rows)
		.onConflict((oc) =>
			oc
				.columns(['osm_type', 'osm_id'])
				.doUpdateSet({
					osm_version: sql`excluded.osm_version`,
					geom: sql`excluded.geom`,
					tags: sql`excluded.tags`,
					attributes: sql`excluded.attributes`,
					updated_at: sql`now()`
				})
				.where(
					sql<boolean>`camera_leads.tags IS DISTINCT FROM excluded.tags OR NOT ST_Equals(camera_leads.geom, excluded.geom)`
				)
		)
		.returning(sql<boolean>`xmax = 0`.as('inserted'))
		.execute();
	const added = written.filter((row) => row.inserted).length;
	return { added, updated: written.length - added };
}

function leadColumns() {
	const { lng, lat } = lngLat('camera_leads.geom', 7);
	return [
		'camera_leads.id',
		'camera_leads.osm_type',
		'camera_leads.osm_id',
		'camera_leads.tags',
		'camera_leads.attributes',
		'camera_leads.status',
		'camera_leads.camera_id',
		lng.as('lng'),
		lat.as('lat')
	] as const;
}

type LeadRow = {
	id: number;
	osm_type: 'node' | 'way';
	osm_id: number;
	tags: Record<string, string>;
	attributes: Record<string, unknown>;
	status: Lead['status'];
	camera_id: number | null;
	lng: number;
	lat: number;
};

const toLead = (row: LeadRow): Lead => ({
	id: row.id,
	osmType: row.osm_type,
	osmId: row.osm_id,
	lng: row.lng,
	lat: row.lat,
	tags: row.tags,
	attributes: row.attributes as unknown as LeadAttributes,
	status: row.status,
	cameraId: row.camera_id
});

export async function openCount(db: Kysely<DB>): Promise<number> {
	const { count } = await db
		.selectFrom('camera_leads')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow();
	return Number(count);
}

/** Open leads, oldest first, at most `limit`. */
export async function openLeads(db: Kysely<DB>, limit: number): Promise<Lead[]> {
	const rows = await db
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('status', '=', 'open')
		.orderBy('id')
		.limit(limit)
		.execute();
	return (rows as LeadRow[]).map(toLead);
}

/** The active cameras within 25 m of a lead, nearest first, at most five, with their distance in metres. */
export async function camerasNear(db: Kysely<DB>, leadId: number): Promise<{ id: number; metres: number }[]> {
	const { rows } = await sql<{ id: number; metres: number }>`
		SELECT c.id, round(ST_Distance(c.geom::geography, l.geom::geography))::int AS metres
		FROM camera_leads l JOIN cameras c
			ON c.status = 'active' AND ST_DWithin(c.geom::geography, l.geom::geography, 25)
		WHERE l.id = ${leadId}
		ORDER BY metres, c.id LIMIT 5`.execute(db);
	return rows;
}

/** Open leads in a box, for the map's leads layer (public: it is OpenStreetMap's own data). */
export async function inBox(db: Kysely<DB>, bbox: readonly number[], limit = 5000): Promise<Lead[]> {
	const rows = await db
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('status', '=', 'open')
		.where(sql<boolean>`geom && ${envelope(bbox)}`)
		.orderBy('id')
		.limit(limit)
		.execute();
	return (rows as LeadRow[]).map(toLead);
}

export async function read(db: Kysely<DB>, id: number): Promise<Lead | undefined> {
	const row = await db.selectFrom('camera_leads').select(leadColumns()).where('id', '=', id).executeTakeFirst();
	return row && toLead(row as LeadRow);
}

/** A lead, locked for the rest of the transaction; undefined if there is none. */
export async function lock(trx: Kysely<DB>, id: number): Promise<Lead | undefined> {
	const row = await trx
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	return row && toLead(row as LeadRow);
}

/** Records a lead's decision: by whom, now, and the camera or the reason. */
export async function close(
	trx: Kysely<DB>,
	id: number,
	status: 'confirmed' | 'rejected' | 'merged',
	moderatorId: number | null,
	extra: { camera_id?: number; reason?: string | null }
): Promise<void> {
	await trx
		.updateTable('camera_leads')
		.set({ status, decided_by: moderatorId, decided_at: sql`now()`, updated_at: sql`now()`, ...extra })
		.where('id', '=', id)
		.execute();
}

/** The database's date today (`current_date`, in its time zone), as `YYYY-MM-DD`. */
export async function today(db: Kysely<DB>): Promise<string> {
	const { rows } = await sql<{ today: string }>`SELECT current_date::text AS today`.execute(db);
	return rows[0].today;
}
