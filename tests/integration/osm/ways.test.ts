/**
 * A camera drawn in OpenStreetMap as a way (a small square) is imported as one lead at the
 * centroid of its nodes, from PBF and from XML alike: the second file of the same data stores
 * nothing new. Confirmed, it becomes a camera with the way as its provenance, credited to
 * OpenStreetMap in the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { OSM_ATTRIBUTION } from '../../../src/lib/exports/licence';
import { readSurveillance } from '../../../src/lib/server/osm/read';
import * as leads from '../../../src/lib/server/osm/leads';
import { GET as geojson } from '../../../src/routes/api/v1/cameras.geojson/+server';
import { GET as leadsGeojson } from '../../../src/routes/api/v1/leads.geojson/+server';
import { createUser } from '../../support/factories';
import { requestEvent } from '../submissions/helpers';
import { testBackend, testDatabase } from '../harness';

const FIXTURES = 'tests/fixtures/osm';

describe(`OpenStreetMap ways as leads (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('stores the way as one lead at its centroid; the same data as XML or plain-node PBF adds nothing', async () => {
		expect(await leads.importLeads(database.db, readSurveillance(`${FIXTURES}/surveillance.osm.pbf`))).toEqual({
			read: 3,
			added: 3,
			updated: 0,
			unchanged: 0
		});
		for (const file of ['surveillance.osm', 'surveillance-plain-nodes.osm.pbf'])
			expect(await leads.importLeads(database.db, readSurveillance(`${FIXTURES}/${file}`))).toEqual({
				read: 3,
				added: 0,
				updated: 0,
				unchanged: 3
			});
		const way = await database.db
			.selectFrom('camera_leads')
			.select(['osm_type', 'osm_id', 'osm_version', 'tags'])
			.where('osm_type', '=', 'way')
			.execute();
		expect(way).toEqual([
			{
				osm_type: 'way',
				osm_id: 301,
				osm_version: 2,
				tags: { man_made: 'surveillance', 'surveillance:type': 'camera', 'camera:type': 'dome' }
			}
		]);

		const response = await leadsGeojson(
			requestEvent(database, '/api/v1/leads.geojson?bbox=20.44,44.80,20.47,44.82', { locale: 'en' }) as never
		);
		const body = await response.json();
		const feature = body.features.find((f: { properties: { osm_type: string } }) => f.properties.osm_type === 'way');
		expect(feature.geometry).toEqual({ type: 'Point', coordinates: [20.4505, 44.8105] });
		expect(feature.properties).toEqual({
			osm_type: 'way',
			osm_id: 301,
			surveillance_type: 'camera',
			camera_type: 'dome',
			operator: null
		});
	});

	it('confirmed, the way becomes a camera at its centroid, credited to OpenStreetMap', async () => {
		const moderator = await createUser(database.db, { role: 'moderator' });
		const { id } = await database.db
			.selectFrom('camera_leads')
			.select('id')
			.where('osm_type', '=', 'way')
			.executeTakeFirstOrThrow();
		const cameraId = await leads.confirm(database.db, id, moderator.id);
		const camera = await database.db
			.selectFrom('cameras')
			.select(['source', 'source_ref', 'camera_type'])
			.where('id', '=', cameraId)
			.executeTakeFirstOrThrow();
		expect(camera).toEqual({ source: 'osm', source_ref: 'way/301', camera_type: 'dome' });
		const geo = await (
			await geojson(requestEvent(database, '/api/v1/cameras.geojson', { locale: 'en' }) as never)
		).json();
		const exported = geo.features.find((f: { id: number }) => f.id === cameraId);
		expect(exported.geometry.coordinates).toEqual([20.4505, 44.8105]);
		expect(exported.properties).toMatchObject({ source: 'osm', attribution: OSM_ATTRIBUTION });
	});
});
