/**
 * The official-list comparison with the real example: the City of Zagreb's list (137 points).
 * Expected categories are computed here independently (haversine distances in JavaScript).
 */
import fs from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { importAreas } from '../../../src/lib/server/areas/import';
import { compare, importList } from '../../../src/lib/server/official/lists';
import { createCamera } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

const FILE = 'seeds/data/zagreb-official-cameras.geojson';
const options = {
	name: 'Popis nadzornih kamera Grada Zagreba',
	source: 'Grad Zagreb, data.gov.hr',
	publishedOn: '2016-01-01',
	slug: 'zagreb-2016',
	refField: 'row',
	locationField: 'location'
};

function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

describe(`official list comparison, Zagreb (${testBackend()})`, () => {
	let database: Database;
	let listed: { lat: number; lng: number }[];

	beforeAll(async () => {
		database = await testDatabase();
		const collection = JSON.parse(await fs.readFile(FILE, 'utf8')) as {
			features: { geometry: { coordinates: [number, number] } }[];
		};
		listed = collection.features.map(
			({
				geometry: {
					coordinates: [lng, lat]
				}
			}) => ({ lat, lng })
		);
	});
	afterAll(() => database?.close());

	it('imports the 137 points once, however often it is imported', async () => {
		const content = await fs.readFile(FILE, 'utf8');
		expect(await importList(database.db, content, options)).toMatchObject({ points: 137, inserted: 137, errors: [] });
		expect(await importList(database.db, content, options)).toMatchObject({ points: 137, inserted: 0, errors: [] });
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM official_cameras`.execute(database.db);
		expect(rows[0].n).toBe(137);
	});

	it('refuses a CSV with a bad row, naming the row, and imports nothing', async () => {
		const csv = 'lokacija;lat;lng\nTrg;45,8131;15,9772\nIlica;ninety;15,97\n';
		const result = await importList(database.db, csv, { name: 'Test', source: 'test', slug: 'csv-test' });
		expect(result.errors).toEqual([{ row: 3, message: 'latitude or longitude missing or out of range' }]);
		const lists = await database.db.selectFrom('official_lists').select('slug').execute();
		expect(lists.map((list) => list.slug)).toEqual(['zagreb-2016']);
	});

	it('shows cameras on both lists, only on the official one and only on the citizens’ map, per area', async () => {
		// A City of Zagreb area around the listed points, and four mapped cameras: two at listed
		// places (a few metres off), one far from any listed point, one outside the list's region.
		await importAreas(
			database.db,
			{
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: { name: 'Grad Zagreb' },
						geometry: {
							type: 'Polygon',
							coordinates: [
								[
									[15.8, 45.7],
									[16.2, 45.7],
									[16.2, 45.9],
									[15.8, 45.9],
									[15.8, 45.7]
								]
							]
						}
					}
				]
			},
			{ level: 'city', nameField: 'name' }
		);
		const mapped = [
			{ lat: listed[0].lat + 0.00005, lng: listed[0].lng },
			{ lat: listed[60].lat, lng: listed[60].lng + 0.00008 },
			{ lat: 45.8, lng: 15.96 },
			{ lat: 45.3, lng: 15.5 }
		];
		for (const camera of mapped) {
			await createCamera(database.db, { ...camera, source: 'citizen' });
		}
		const inRegion = mapped.slice(0, 3);
		const expectedBoth = listed.filter((point) => inRegion.some((camera) => metres(point, camera) <= 30)).length;
		const expectedCitizensOnly = inRegion.filter((camera) =>
			listed.every((point) => metres(point, camera) > 30)
		).length;
		expect(expectedBoth).toBeGreaterThanOrEqual(2);
		expect(expectedCitizensOnly).toBe(1);

		const comparison = (await compare(database.db, 'zagreb-2016'))!;
		expect(comparison.total).toEqual({
			both: expectedBoth,
			listed_only: 137 - expectedBoth,
			citizens_only: expectedCitizensOnly
		});
		expect(comparison.areas).toEqual([
			{
				slug: 'grad-zagreb',
				name_sr_latn: 'Grad Zagreb',
				name_sr_cyrl: 'Град Загреб',
				name_en: 'Grad Zagreb',
				counts: comparison.total
			}
		]);
		expect(comparison.points.filter((point) => point.category === 'citizens_only')).toHaveLength(1);
		expect(comparison.list).toMatchObject({ name: options.name, publishedOn: '2016-01-01', matchRadiusM: 30 });
	});
});
