/**
 * Leads: cameras found in OpenStreetMap, waiting for a moderator (migrations/0017_osm_leads.sql).
 * Imported by OSM type and id (again: updated, never duplicated); confirmed into a camera with
 * OSM provenance (`source = 'osm'`, `source_ref = 'node/<id>'`, credited in every export),
 * rejected, or merged with a known camera. Each decision is audit-logged with the change itself,
 * and only an open lead can be decided: of two moderators at once, one wins.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { point } from '../db/postgis';
import * as audit from '../audit/repository';
import { createCamera } from '../moderation/revisions';
import { attributesFromTags, type LeadAttributes } from './tags';
import type { OsmObject } from './read';

export interface LeadImportResult {
	read: number;
	added: number;
	updated: number;
	unchanged: number;
}

const BATCH = 500;

export async function importLeads(db: Kysely<DB>, objects: OsmObject[]): Promise<LeadImportResult> {
	const result: LeadImportResult = { read: objects.length, added: 0, updated: 0, unchanged: 0 };
	await db.transaction().execute(async (trx) => {
		for (let start = 0; start < objects.length; start += BATCH) {
			const rows = objects.slice(start, start + BATCH).map((object) => ({
				osm_type: object.type,
				osm_id: object.id,
				osm_version: object.version,
				geom: point(object.lon, object.lat),
				tags: JSON.stringify(object.tags),
				attributes: JSON.stringify(attributesFromTags(object.tags))
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
			result.added += added;
			result.updated += written.length - added;
		}
	});
	result.unchanged = result.read - result.added - result.updated;
	return result;
}

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

function leadColumns() {
	return [
		'camera_leads.id',
		'camera_leads.osm_type',
		'camera_leads.osm_id',
		'camera_leads.tags',
		'camera_leads.attributes',
		'camera_leads.status',
		'camera_leads.camera_id',
		sql<number>`round(ST_X(camera_leads.geom)::numeric, 7)::float8`.as('lng'),
		sql<number>`round(ST_Y(camera_leads.geom)::numeric, 7)::float8`.as('lat')
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

/** The moderators' queue: open leads, oldest first, each with the known cameras within 25 m. */
export async function queue(db: Kysely<DB>, limit = 50) {
	const rows = await db
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('status', '=', 'open')
		.orderBy('id')
		.limit(limit)
		.execute();
	const total = await openCount(db);
	const leads = [];
	for (const row of rows as LeadRow[]) {
		const nearby = await sql<{ id: number; metres: number }>`
			SELECT c.id, round(ST_Distance(c.geom::geography, l.geom::geography))::int AS metres
			FROM camera_leads l JOIN cameras c
				ON c.status = 'active' AND ST_DWithin(c.geom::geography, l.geom::geography, 25)
			WHERE l.id = ${row.id}
			ORDER BY metres, c.id LIMIT 5`.execute(db);
		leads.push({ ...toLead(row), nearby: nearby.rows });
	}
	return { total, leads };
}

/** Open leads in a box, for the map's leads layer (public: it is OpenStreetMap's own data). */
export async function inBox(db: Kysely<DB>, bbox: readonly number[], limit = 5000): Promise<Lead[]> {
	const rows = await db
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('status', '=', 'open')
		.where(sql<boolean>`geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`)
		.orderBy('id')
		.limit(limit)
		.execute();
	return (rows as LeadRow[]).map(toLead);
}

export async function read(db: Kysely<DB>, id: number): Promise<Lead | undefined> {
	const row = await db.selectFrom('camera_leads').select(leadColumns()).where('id', '=', id).executeTakeFirst();
	return row && toLead(row as LeadRow);
}

/** The lead was decided by someone else first, or does not exist. */
export class LeadNotOpen extends Error {
	constructor(readonly status: Lead['status'] | 'missing') {
		super(status === 'missing' ? 'no such lead' : `the lead is already ${status}`);
	}
}

export class UnknownCamera extends Error {}

async function lockOpen(trx: Kysely<DB>, id: number): Promise<Lead> {
	const row = await trx
		.selectFrom('camera_leads')
		.select(leadColumns())
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	if (!row) throw new LeadNotOpen('missing');
	if (row.status !== 'open') throw new LeadNotOpen(row.status);
	return toLead(row as LeadRow);
}

async function close(
	trx: Kysely<DB>,
	lead: Lead,
	status: 'confirmed' | 'rejected' | 'merged',
	moderatorId: number | null,
	extra: { camera_id?: number; reason?: string | null }
) {
	await trx
		.updateTable('camera_leads')
		.set({ status, decided_by: moderatorId, decided_at: sql`now()`, updated_at: sql`now()`, ...extra })
		.where('id', '=', lead.id)
		.execute();
}

/** The lead becomes a verified camera with OSM provenance; returns the camera's id. */
export async function confirm(db: Kysely<DB>, id: number, moderatorId: number | null): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const lead = await lockOpen(trx, id);
		const a = lead.attributes;
		const osm = `${lead.osmType}/${lead.osmId}`;
		const cameraId = await createCamera(
			trx,
			{
				lng: lead.lng,
				lat: lead.lat,
				...a,
				model_id: null,
				capability_evidence: a.capabilities.length > 0 ? `OpenStreetMap ${osm}: surveillance:type=ALPR` : null,
				status: 'active',
				removed_on: null,
				confidence: 'verified',
				confirmations: 0,
				first_seen: sql<string>`current_date` as unknown as string,
				source: 'osm',
				source_ref: osm
			} as Parameters<typeof createCamera>[1],
			{ action: 'create', actorId: moderatorId }
		);
		await close(trx, lead, 'confirmed', moderatorId, { camera_id: cameraId });
		await audit.record(trx, {
			actorId: moderatorId,
			action: 'lead.confirm',
			target: { type: 'lead', id: lead.id },
			details: { osm, camera: cameraId }
		});
		return cameraId;
	});
}

export async function reject(db: Kysely<DB>, id: number, moderatorId: number | null, reason: string | null) {
	await db.transaction().execute(async (trx) => {
		const lead = await lockOpen(trx, id);
		await close(trx, lead, 'rejected', moderatorId, { reason });
		await audit.record(trx, {
			actorId: moderatorId,
			action: 'lead.reject',
			target: { type: 'lead', id: lead.id },
			details: { osm: `${lead.osmType}/${lead.osmId}`, reason }
		});
	});
}

/** The lead is a camera already on the map: linked to it, no new camera. */
export async function merge(db: Kysely<DB>, id: number, cameraId: number, moderatorId: number | null) {
	await db.transaction().execute(async (trx) => {
		const lead = await lockOpen(trx, id);
		const camera = await trx.selectFrom('cameras').select('id').where('id', '=', cameraId).executeTakeFirst();
		if (!camera) throw new UnknownCamera(`no camera ${cameraId}`);
		await close(trx, lead, 'merged', moderatorId, { camera_id: cameraId });
		await audit.record(trx, {
			actorId: moderatorId,
			action: 'lead.merge',
			target: { type: 'lead', id: lead.id },
			details: { osm: `${lead.osmType}/${lead.osmId}`, camera: cameraId }
		});
	});
}
