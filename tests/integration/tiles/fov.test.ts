/**
 * The database's camera_fov() (migrations/0003_tiles.sql) and src/lib/geo/fov.ts describe the
 * same field of view: same area, same place, on both backends.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fovPolygons } from '../../../src/lib/geo/fov';
import type { Database } from '../../../src/lib/server/db';
import { testBackend, testDatabase } from '../harness';

const cameras = [
	{
		lng: 20.46,
		lat: 44.81,
		camera_type: 'fixed',
		camera_direction: [90],
		surveillance_type: 'camera',
		surveillance_zone: 'traffic'
	},
	{
		lng: 20.46,
		lat: 44.81,
		camera_type: 'panning',
		camera_direction: [350, 170],
		surveillance_type: 'camera',
		surveillance_zone: 'shop'
	},
	{
		lng: -122.4,
		lat: 37.77,
		camera_type: null,
		camera_direction: [0, 30],
		surveillance_type: 'ALPR',
		surveillance_zone: null
	},
	{
		lng: 10.75,
		lat: 59.91,
		camera_type: 'dome',
		camera_direction: [45],
		surveillance_type: 'camera',
		surveillance_zone: null
	},
	{
		lng: 10.75,
		lat: 59.91,
		camera_type: 'fixed',
		camera_direction: [],
		surveillance_type: 'camera',
		surveillance_zone: 'bank'
	},
	{
		lng: 0,
		lat: 0,
		camera_type: 'fixed',
		camera_direction: [10],
		surveillance_type: 'gunshot_detector',
		surveillance_zone: null
	}
];

describe(`field of view in SQL and TypeScript (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => (database = await testDatabase()));
	afterAll(() => database?.close());

	it.each(
		cameras.map((camera) => [
			`${camera.camera_type} ${camera.camera_direction.join('/')} ${camera.surveillance_type}`,
			camera
		])
	)('%s', async (_, camera) => {
		const ours = fovPolygons(camera);
		const { rows } = await sql<{ same: boolean | null; area: number | null }>`
				WITH db AS (
					SELECT camera_fov(ST_SetSRID(ST_MakePoint(${camera.lng}, ${camera.lat}), 4326), ${camera.camera_type}::text,
						${camera.camera_direction}::smallint[], ${camera.surveillance_type}::text, ${camera.surveillance_zone}::text) AS g
				),
				ts AS (
					SELECT ST_Union(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'MultiPolygon', coordinates: ours ?? [] })}), 4326), 3857))) AS g
				)
				SELECT ST_Area(ST_SymDifference(db.g, ts.g)) / ST_Area(db.g) < 1e-6 AS same, ST_Area(db.g) AS area
				FROM db, ts`.execute(database.db);
		if (ours === null) {
			expect(rows[0].area).toBeNull();
			return;
		}
		expect(rows[0].same).toBe(true);
	});
});
