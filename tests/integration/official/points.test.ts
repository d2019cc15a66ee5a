/**
 * GET /api/v1/official-lists/{slug}/points.geojson and the list's page data, with the City of
 * Zagreb's list imported: every listed point once, matched ("both") where a mapped camera is
 * within the match radius, in the same categories as the comparison; 404 for an unknown list.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { compare, importList, summaries } from '../../../src/lib/server/official/lists';
import { GET } from '../../../src/routes/api/v1/official-lists/[slug]/points.geojson/+server';
import { requestEvent } from '../submissions/helpers';
import { createCamera } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

const FILE = 'seeds/data/zagreb-official-cameras.geojson';

describe(`official list points as GeoJSON (${testBackend()})`, () => {
	let database: Database;
	let first: [number, number];

	beforeAll(async () => {
		database = await testDatabase();
		const content = await fs.readFile(FILE, 'utf8');
		const result = await importList(database.db, content, {
			name: 'Popis nadzornih kamera Grada Zagreba',
			source: 'Grad Zagreb, data.gov.hr',
			publishedOn: '2016-01-01',
			slug: 'zagreb-2016',
			refField: 'row',
			locationField: 'location'
		});
		expect(result.errors).toEqual([]);
		first = (JSON.parse(content) as { features: { geometry: { coordinates: [number, number] } }[] }).features[0]
			.geometry.coordinates;
		// A citizen's camera 5 m north of the first listed point: that point (and any listed at the
		// same place) is on both lists.
		await createCamera(database.db, {
			lng: first[0],
			lat: first[1] + 5 / 111_320,
			surveillance_type: 'camera',
			source: 'citizen',
			confidence: 'verified'
		});
	});
	afterAll(() => database?.close());

	const get = (slug: string, locale: 'en' | 'sr-Latn' = 'en') =>
		GET(requestEvent(database, `/api/v1/official-lists/${slug}/points.geojson`, { params: { slug }, locale }) as never);

	it('answers every listed point once with its category and the collection’s bbox', async () => {
		const response = await get('zagreb-2016');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/geo+json');
		const body = await response.json();
		expect(body.type).toBe('FeatureCollection');
		expect(body.features).toHaveLength(137);
		expect(body.list).toMatchObject({ slug: 'zagreb-2016', matchRadiusM: 30, publishedOn: '2016-01-01' });
		const categories = new Set(body.features.map((f: { properties: { category: string } }) => f.properties.category));
		expect([...categories].sort()).toEqual(['both', 'listed_only']);
		const [minLng, minLat, maxLng, maxLat] = body.bbox;
		for (const feature of body.features) {
			const [lng, lat] = feature.geometry.coordinates;
			expect(lng).toBeGreaterThanOrEqual(minLng);
			expect(lng).toBeLessThanOrEqual(maxLng);
			expect(lat).toBeGreaterThanOrEqual(minLat);
			expect(lat).toBeLessThanOrEqual(maxLat);
			expect(Object.keys(feature.properties).sort()).toEqual(['category', 'location', 'ref']);
		}
		// The matched point is the one next to the citizen's camera; the counts are the comparison's.
		const matched = body.features.filter((f: { properties: { category: string } }) => f.properties.category === 'both');
		expect(matched.length).toBeGreaterThan(0);
		for (const feature of matched) {
			expect(feature.geometry.coordinates[0]).toBeCloseTo(first[0], 3);
			expect(feature.geometry.coordinates[1]).toBeCloseTo(first[1], 3);
		}
		const comparison = await compare(database.db, 'zagreb-2016');
		expect(matched.length).toBe(comparison!.total.both);
		expect(body.features.length - matched.length).toBe(comparison!.total.listed_only);
	});

	it('lists the imported lists with their number of points', async () => {
		expect(await summaries(database.db)).toEqual([
			{
				slug: 'zagreb-2016',
				name: 'Popis nadzornih kamera Grada Zagreba',
				source: 'Grad Zagreb, data.gov.hr',
				publishedOn: '2016-01-01',
				matchRadiusM: 30,
				points: 137
			}
		]);
	});

	it('answers 404 for a list that does not exist or a malformed name', async () => {
		for (const slug of ['no-such-list', 'Bad Slug!']) {
			await expect(get(slug)).rejects.toMatchObject({ status: 404 });
		}
	});
});
