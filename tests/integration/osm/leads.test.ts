/**
 * OpenStreetMap cameras as leads, on a real OSM extract (Monaco, 16 surveillance nodes): read
 * from PBF with their tags, stored as leads (not cameras), imported again without duplicates,
 * confirmed into a camera with OSM provenance that the exports credit, rejected, merged, and
 * decided only once when two moderators act at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { OSM_ATTRIBUTION } from '../../../src/lib/exports/licence';
import { readSurveillance } from '../../../src/lib/server/osm/read';
import * as leads from '../../../src/lib/server/osm/leads';
import { GET as geojson } from '../../../src/routes/api/v1/cameras.geojson/+server';
import { GET as csvExport } from '../../../src/routes/api/v1/cameras.csv/+server';
import { GET as leadsGeojson } from '../../../src/routes/api/v1/leads.geojson/+server';
import { createCamera, createUser } from '../../support/factories';
import { requestEvent } from '../submissions/helpers';
import { parseCsv } from '../../../src/lib/csv';
import { testBackend, testDatabase } from '../harness';

const MONACO = 'seeds/data/monaco-latest.osm.pbf';

describe(`OpenStreetMap leads (${testBackend()})`, () => {
	let database: Database;
	let moderator: { id: number };
	beforeAll(async () => {
		database = await testDatabase();
		moderator = await createUser(database.db, { role: 'moderator' });
	});
	afterAll(() => database?.close());

	const count = async (table: 'camera_leads' | 'cameras') =>
		Number(
			(
				await database.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const leadOf = (osmId: number) =>
		database.db
			.selectFrom('camera_leads')
			.select(['id', 'status', 'tags', 'attributes', 'camera_id'])
			.where('osm_type', '=', 'node')
			.where('osm_id', '=', osmId)
			.executeTakeFirstOrThrow();

	it('stores the 16 surveillance nodes of the Monaco extract as leads, with their tags', async () => {
		const objects = readSurveillance(MONACO);
		expect(await leads.importLeads(database.db, objects)).toEqual({ read: 16, added: 16, updated: 0, unchanged: 0 });
		expect(await count('camera_leads')).toBe(16);
		expect(await count('cameras')).toBe(0);
		const tagged = await database.db.selectFrom('camera_leads').select(['tags', 'attributes', 'status']).execute();
		expect(tagged.every((lead) => lead.tags.man_made === 'surveillance' && lead.status === 'open')).toBe(true);
		expect(tagged.filter((lead) => lead.tags['surveillance:type'] === 'camera')).toHaveLength(16);
		expect(tagged.filter((lead) => lead.tags['camera:mount'] === 'pole')).toHaveLength(11);
		expect(tagged.filter((lead) => lead.attributes.camera_type === 'dome')).toHaveLength(9);
		expect(tagged.filter((lead) => lead.attributes.surveillance === 'outdoor')).toHaveLength(11);
		const lead = await leadOf(6459866647);
		expect(lead.tags).toEqual({
			'camera:mount': 'pole',
			'camera:type': 'fixed',
			direction: '240',
			man_made: 'surveillance',
			source: 'survey 2019',
			surveillance: 'outdoor',
			'surveillance:type': 'camera'
		});
		expect(lead.attributes).toMatchObject({
			surveillance: 'outdoor',
			surveillance_type: 'camera',
			camera_type: 'fixed',
			camera_mount: 'pole',
			camera_direction: [240]
		});
	});

	it('importing again stores nothing new; a changed tag updates its lead', async () => {
		const objects = readSurveillance(MONACO);
		expect(await leads.importLeads(database.db, objects)).toEqual({ read: 16, added: 0, updated: 0, unchanged: 16 });
		const changed = objects.map((object) =>
			object.id === 6459866647 ? { ...object, tags: { ...object.tags, 'camera:mount': 'wall' } } : object
		);
		expect(await leads.importLeads(database.db, changed)).toEqual({ read: 16, added: 0, updated: 1, unchanged: 15 });
		expect((await leadOf(6459866647)).attributes).toMatchObject({ camera_mount: 'wall' });
		expect(await count('camera_leads')).toBe(16);
	});

	it('the open leads are on the map’s leads layer, credited to OpenStreetMap', async () => {
		const response = await leadsGeojson(
			requestEvent(database, '/api/v1/leads.geojson?bbox=7.40,43.72,7.44,43.76', { locale: 'en' }) as never
		);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.attribution).toBe(OSM_ATTRIBUTION);
		expect(body.features).toHaveLength(16);
		expect(body.features[0].properties).toMatchObject({ osm_type: 'node', surveillance_type: 'camera' });
	});

	it('confirming a lead makes a camera with OSM provenance, which the exports credit', async () => {
		const lead = await leadOf(6459866647);
		const cameraId = await leads.confirm(database.db, lead.id, moderator.id);
		const camera = await database.db
			.selectFrom('cameras')
			.select(['source', 'source_ref', 'camera_mount', 'camera_direction', 'confidence', 'status'])
			.where('id', '=', cameraId)
			.executeTakeFirstOrThrow();
		expect(camera).toEqual({
			source: 'osm',
			source_ref: 'node/6459866647',
			camera_mount: 'wall',
			camera_direction: [240],
			confidence: 'verified',
			status: 'active'
		});
		expect(await leadOf(6459866647)).toMatchObject({ status: 'confirmed', camera_id: cameraId });
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'details'])
			.where('target_type', '=', 'lead')
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({
			action: 'lead.confirm',
			actor_id: moderator.id,
			details: { osm: 'node/6459866647' }
		});

		const geo = await (
			await geojson(requestEvent(database, '/api/v1/cameras.geojson', { locale: 'en' }) as never)
		).json();
		expect(geo.attribution).toContain(OSM_ATTRIBUTION);
		expect(geo.features.find((f: { id: number }) => f.id === cameraId).properties).toMatchObject({
			source: 'osm',
			osm_id: 6459866647,
			attribution: OSM_ATTRIBUTION
		});
		const [header, ...rows] = parseCsv(
			await (await csvExport(requestEvent(database, '/api/v1/cameras.csv', {}) as never)).text(),
			{ strict: true }
		);
		const records = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
		expect(records.find((record) => record.id === String(cameraId))).toMatchObject({
			source: 'osm',
			osm_id: '6459866647',
			attribution: OSM_ATTRIBUTION
		});

		// Importing again neither duplicates the lead nor makes another camera.
		await leads.importLeads(database.db, readSurveillance(MONACO));
		expect(await count('camera_leads')).toBe(16);
		expect(await count('cameras')).toBe(1);
		expect((await leadOf(6459866647)).status).toBe('confirmed');
	});

	it('rejects and merges leads; a lead is decided once, whoever comes second is told', async () => {
		const [first, second, third] = (
			await database.db.selectFrom('camera_leads').select('id').where('status', '=', 'open').orderBy('id').execute()
		).map((row) => row.id);
		await leads.reject(database.db, first, moderator.id, 'not a camera any more');
		const { id: known } = await createCamera(database.db, { lng: 7.42, lat: 43.73, source: 'citizen' });
		await leads.merge(database.db, second, known, moderator.id);
		const statuses = await database.db
			.selectFrom('camera_leads')
			.select(['id', 'status', 'camera_id', 'reason'])
			.where('id', 'in', [first, second])
			.orderBy('id')
			.execute();
		expect(statuses).toEqual([
			{ id: first, status: 'rejected', camera_id: null, reason: 'not a camera any more' },
			{ id: second, status: 'merged', camera_id: known, reason: null }
		]);
		await expect(leads.confirm(database.db, first, moderator.id)).rejects.toBeInstanceOf(leads.LeadNotOpen);
		await expect(leads.merge(database.db, third, 999_999, moderator.id)).rejects.toBeInstanceOf(leads.UnknownCamera);

		const results = await Promise.allSettled([
			leads.confirm(database.db, third, moderator.id),
			leads.reject(database.db, third, moderator.id, null)
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
		expect(failed.reason).toBeInstanceOf(leads.LeadNotOpen);
		expect((await leads.queue(database.db)).total).toBe(12);
	});
});
