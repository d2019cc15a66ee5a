/**
 * A fresh start of the demo: the app seeds the City of Belgrade, its 17 municipalities (with
 * their 2022 census population) and the generated cameras, and the statistics API counts every
 * area exactly as a direct point-in-polygon count does.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../app';
import { testBackend } from '../harness';
import { demoCameras } from '../../../seeds/demo';

interface MunicipalityFeature {
	properties: { slug: string; name: string; name_cyrl: string; name_en: string; population: number };
}
const municipalities = (
	JSON.parse(fs.readFileSync('seeds/data/belgrade-municipalities.geojson', 'utf8')) as {
		features: MunicipalityFeature[];
	}
).features.map((feature) => feature.properties);

interface AreaJson {
	slug: string;
	level: string;
	name: { 'sr-Latn': string; 'sr-Cyrl': string; en: string };
	population: number | null;
	populationSource: string | null;
	cameras: number;
	perKm2: number;
	per10k: number | null;
}

describe(`the Belgrade demo on a fresh start (${testBackend()})`, () => {
	let app: TestApp;
	let areas: AreaJson[];

	beforeAll(async () => {
		app = await startApp({ env: { SEED_DEMO: 'true' } });
		const reply = await app.request('/api/v1/stats/areas.json', { headers: { accept: 'application/json' } });
		expect(reply.status).toBe(200);
		areas = JSON.parse(reply.body).areas;
	}, 180_000);
	afterAll(() => app?.close());

	it('has the city outline and the 17 municipalities with names in three forms and their population', () => {
		expect(areas.map((area) => area.slug).sort()).toEqual(
			['beograd', ...municipalities.map((municipality) => municipality.slug)].sort()
		);
		for (const municipality of municipalities) {
			const area = areas.find((candidate) => candidate.slug === municipality.slug)!;
			expect(area.level).toBe('municipality');
			expect(area.name).toEqual({
				'sr-Latn': municipality.name,
				'sr-Cyrl': municipality.name_cyrl,
				en: municipality.name_en
			});
			expect(area.population).toBe(municipality.population);
			expect(area.populationSource).toMatch(/2022 Census/);
		}
		// The 2022 census total of the City of Belgrade.
		const total = areas.filter((area) => area.level === 'municipality').reduce((sum, a) => sum + a.population!, 0);
		expect(total).toBe(1_681_405);
	});

	it('counts every area as a direct point-in-polygon count does', async () => {
		const { rows } = await sql<{ slug: string; cameras: number }>`
			SELECT a.slug, count(c.id)::int AS cameras
			FROM areas a LEFT JOIN cameras c ON c.status = 'active' AND ST_Intersects(a.geom, c.geom)
			GROUP BY a.slug`.execute(app.db);
		expect(rows).toHaveLength(18);
		for (const row of rows) expect(areas.find((area) => area.slug === row.slug)?.cameras).toBe(row.cameras);
		expect(areas.find((area) => area.slug === 'beograd')?.cameras).toBe(demoCameras().length);
	});

	it('places every generated camera in exactly one municipality, and some in each', async () => {
		const { rows } = await sql<{ inside: number }>`
			SELECT count(a.id)::int AS inside FROM cameras c
			LEFT JOIN areas a ON a.level = 'municipality' AND ST_Intersects(a.geom, c.geom)
			WHERE c.source = 'demo' GROUP BY c.id`.execute(app.db);
		expect(rows).toHaveLength(demoCameras().length);
		expect(rows.every((row) => row.inside === 1)).toBe(true);
		for (const area of areas.filter((candidate) => candidate.level === 'municipality')) {
			expect(area.cameras).toBeGreaterThan(0);
			expect(area.per10k).toBeCloseTo((area.cameras / area.population!) * 10_000, 2);
		}
		// Denser in the centre: Stari grad has more cameras per km² than any outer municipality.
		const perKm2 = (slug: string) => areas.find((candidate) => candidate.slug === slug)!.perKm2;
		for (const outer of ['barajevo', 'grocka', 'lazarevac', 'mladenovac', 'obrenovac', 'sopot', 'surcin'])
			expect(perKm2('stari-grad')).toBeGreaterThan(10 * perKm2(outer));
	});

	it('names the municipalities on /stats', async () => {
		const page = await app.request('/stats?lang=sr-Cyrl');
		expect(page.status).toBe(200);
		for (const municipality of municipalities) expect(page.body).toContain(municipality.name_cyrl);
	});
});
