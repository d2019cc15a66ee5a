/**
 * Where the map page opens: the mean place of the cameras in the fullest cluster cell
 * (readBusiestCell), read from the cells the database keeps, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromMercator } from '../../../src/lib/geo/earth';
import type { Database } from '../../../src/lib/server/db';
import { readBusiestCell } from '../../../src/lib/server/tiles/repository';
import { createCameras } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

describe(`the busiest place on the map (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => (database = await testDatabase()));
	afterAll(() => database?.close());

	it('is none without cameras, then the mean place of the densest cell’s cameras', async () => {
		expect(await readBusiestCell(database.db)).toBeUndefined();
		await createCameras(database.db, [
			// Three at Terazije, about 100 m apart…
			{ lng: 20.46, lat: 44.812, source: 'osm' },
			{ lng: 20.461, lat: 44.813, source: 'osm' },
			{ lng: 20.462, lat: 44.812, source: 'osm' },
			// …outnumber two in Zemun and one in Novi Sad.
			{ lng: 20.41, lat: 44.845, source: 'osm' },
			{ lng: 20.411, lat: 44.845, source: 'osm' },
			{ lng: 19.84, lat: 45.25, source: 'osm' },
			// A removed camera does not count.
			{ lng: 20.41, lat: 44.846, status: 'removed', removed_on: '2025-01-01', source: 'osm' },
			{ lng: 20.412, lat: 44.846, status: 'removed', removed_on: '2025-01-01', source: 'osm' }
		]);
		const cell = await readBusiestCell(database.db);
		const [lng, lat] = fromMercator(cell!.x, cell!.y);
		expect(lng).toBeCloseTo(20.461, 5);
		expect(lat).toBeCloseTo(44.81233, 4);
	});
});
