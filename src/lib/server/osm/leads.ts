/**
 * Leads: cameras found in OpenStreetMap, waiting for a moderator (migrations/0017_osm_leads.sql).
 * Imported by OSM type and id (again: updated, never duplicated); confirmed into a camera with
 * OSM provenance (`source = 'osm'`, `source_ref = 'node/<id>'`, credited in every export),
 * rejected, or merged with a known camera. Each decision is audit-logged with the change itself,
 * and only an open lead can be decided: of two moderators at once, one wins.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as audit from '../audit/repository';
import * as cameras from '../cameras/repository';
import { createCamera } from '../moderation/revisions';
import { attributesFromTags } from './tags';
import type { OsmObject } from './read';
import * as repository from './repository';

export { inBox, openCount, read, type Lead } from './repository';

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
			const { added, updated } = await repository.upsertLeads(
				trx,
				objects.slice(start, start + BATCH).map((object) => ({
					osmType: object.type,
					osmId: object.id,
					osmVersion: object.version,
					lng: object.lon,
					lat: object.lat,
					tags: object.tags,
					attributes: attributesFromTags(object.tags)
				}))
			);
			result.added += added;
			result.updated += updated;
		}
	});
	result.unchanged = result.read - result.added - result.updated;
	return result;
}

/** The moderators' queue: open leads, oldest first, each with the known cameras within 25 m. */
export async function queue(db: Kysely<DB>, limit = 50) {
	const open = await repository.openLeads(db, limit);
	const total = await repository.openCount(db);
	const leads = [];
	for (const lead of open) leads.push({ ...lead, nearby: await repository.camerasNear(db, lead.id) });
	return { total, leads };
}

/** The lead was decided by someone else first, or does not exist. */
export class LeadNotOpen extends Error {
	constructor(readonly status: repository.Lead['status'] | 'missing') {
		super(status === 'missing' ? 'no such lead' : `the lead is already ${status}`);
	}
}

export class UnknownCamera extends Error {}

async function lockOpen(trx: Kysely<DB>, id: number): Promise<repository.Lead> {
	const lead = await repository.lock(trx, id);
	if (!lead) throw new LeadNotOpen('missing');
	if (lead.status !== 'open') throw new LeadNotOpen(lead.status);
	return lead;
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
				first_seen: await repository.today(trx),
				source: 'osm',
				source_ref: osm
			} as Parameters<typeof createCamera>[1],
			{ action: 'create', actorId: moderatorId }
		);
		await repository.close(trx, lead.id, 'confirmed', moderatorId, { camera_id: cameraId });
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
		await repository.close(trx, lead.id, 'rejected', moderatorId, { reason });
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
		if (!(await cameras.read(trx, cameraId))) throw new UnknownCamera(`no camera ${cameraId}`);
		await repository.close(trx, lead.id, 'merged', moderatorId, { camera_id: cameraId });
		await audit.record(trx, {
			actorId: moderatorId,
			action: 'lead.merge',
			target: { type: 'lead', id: lead.id },
			details: { osm: `${lead.osmType}/${lead.osmId}`, camera: cameraId }
		});
	});
}
