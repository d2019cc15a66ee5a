/**
 * Boundaries in, numbers out: importing a boundary file (all or nothing, invalid geometry
 * repaired or reported by feature), and per-area statistics from the maintained aggregates that
 * equal a direct PostGIS point-in-polygon count, also after cameras change.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { importAreas } from '../../../src/lib/server/areas/import';
import { areaStatistics } from '../../../src/lib/server/stats/repository';
import { testBackend, testDatabase } from '../harness';

const CAMERAS = 20_000;

/** 17 municipalities: a 5 × 4 grid over Belgrade minus three cells; cell 5 drawn as a bow-tie. */
function boundaryFile() {
	const features = [];
	for (let row = 0; row < 4; row++) {
		for (let column = 0; column < 5; column++) {
			const index = row * 5 + column;
			if (index === 3 || index === 11 || index === 18) continue;
			const [x, y, size] = [20.2 + column * 0.1, 44.6 + row * 0.1, 0.1];
			const ring =
				index === 5
					? // Self-intersecting: PostGIS repairs it into two triangles.
						[
							[x, y],
							[x + size, y + size],
							[x + size, y],
							[x, y + size],
							[x, y]
						]
					: [
							[x, y],
							[x + size, y],
							[x + size, y + size],
							[x, y + size],
							[x, y]
						];
			features.push({
				type: 'Feature',
				properties: { naziv: `Opština ${index + 1}`, stanovnika: 10_000 + index * 1000 },
				geometry: { type: 'Polygon', coordinates: [ring] }
			});
		}
	}
	return { type: 'FeatureCollection', features };
}

const options = { level: 'municipality' as const, nameField: 'naziv', populationField: 'stanovnika' };

describe(`area import and statistics (${testBackend()})`, () => {
	let database: Database;

	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('reports every bad feature and imports nothing', async () => {
		const file = boundaryFile();
		file.features.push(
			{
				type: 'Feature',
				properties: { naziv: 'Tačka', stanovnika: 1 },
				geometry: { type: 'Point', coordinates: [20.4, 44.8] }
			} as never,
			{ type: 'Feature', properties: { stanovnika: 5 }, geometry: file.features[0].geometry } as never,
			{
				type: 'Feature',
				properties: { naziv: 'Pokvarena' },
				geometry: { type: 'Polygon', coordinates: [[[20, 44]]] }
			} as never
		);
		const result = await importAreas(database.db, file, options);
		expect(result.imported).toBe(0);
		expect(result.errors.map((error) => [error.feature, error.name])).toEqual([
			[18, 'Tačka'],
			[19, null],
			[20, 'Pokvarena']
		]);
		expect(result.errors[0].message).toMatch(/not a Polygon/);
		expect(result.errors[1].message).toMatch(/"naziv"/);
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM areas`.execute(database.db);
		expect(rows[0].n).toBe(0);
	});

	it('imports 17 areas, repairing the invalid one, with names in three scripts', async () => {
		const result = await importAreas(database.db, boundaryFile(), { ...options, populationSource: 'Test census' });
		expect(result).toMatchObject({ imported: 17, errors: [] });
		expect(result.repaired.map((problem) => problem.feature)).toEqual([5]);
		const area = await database.db
			.selectFrom('areas')
			.select(['name_sr_latn', 'name_sr_cyrl', 'name_en', 'population'])
			.where('slug', '=', 'opstina-1')
			.executeTakeFirstOrThrow();
		expect(area).toEqual({
			name_sr_latn: 'Opština 1',
			name_sr_cyrl: 'Општина 1',
			name_en: 'Opština 1',
			population: 10_000
		});
	});

	async function directCounts() {
		const { rows } = await sql<{
			slug: string;
			cameras: number;
			removed: number;
			alpr: number;
			face: number;
			police: number;
		}>`
			SELECT a.slug,
				count(c.id) FILTER (WHERE c.status = 'active')::int AS cameras,
				count(c.id) FILTER (WHERE c.status = 'removed')::int AS removed,
				count(c.id) FILTER (WHERE c.status = 'active' AND c.surveillance_type = 'ALPR')::int AS alpr,
				count(c.id) FILTER (WHERE c.status = 'active' AND 'face_recognition' = ANY (c.capabilities))::int AS face,
				count(c.id) FILTER (WHERE c.status = 'active' AND c.operator_class = 'police')::int AS police
			FROM areas a LEFT JOIN cameras c ON ST_Intersects(a.geom, c.geom)
			GROUP BY a.slug ORDER BY a.slug`.execute(database.db);
		return rows;
	}

	/** Cameras first seen and removed per area and month, counted directly and as kept. */
	async function months() {
		const { rows } = await sql<{ direct: string; kept: string }>`
			WITH direct AS (
				SELECT a.id AS area_id, x.month, sum(x.verified)::int AS verified, sum(x.removed)::int AS removed
				FROM areas a JOIN cameras c ON ST_Intersects(a.geom, c.geom),
					LATERAL (VALUES (date_trunc('month', c.first_seen)::date, 1, 0),
						(date_trunc('month', c.removed_on)::date, 0, 1)) AS x (month, verified, removed)
				WHERE x.month IS NOT NULL
				GROUP BY 1, 2
			)
			SELECT
				(SELECT string_agg(concat_ws(':', area_id, month, verified, removed), ',' ORDER BY area_id, month) FROM direct) AS direct,
				(SELECT string_agg(concat_ws(':', area_id, month, verified, removed), ',' ORDER BY area_id, month)
					FROM area_stat_months WHERE verified <> 0 OR removed <> 0) AS kept`.execute(database.db);
		return rows[0];
	}

	async function maintainedCounts() {
		const stats = await areaStatistics(database.db);
		return stats
			.map((area) => ({
				slug: area.slug,
				cameras: area.cameras,
				removed: area.removed,
				alpr: area.byType.ALPR ?? 0,
				face: area.capabilities.face_recognition,
				police: area.byOperator.police ?? 0
			}))
			.sort((a, b) => a.slug.localeCompare(b.slug));
	}

	it(`counts ${CAMERAS} cameras per area exactly as a direct point-in-polygon count`, async () => {
		// Clustered like a city: most cameras near the centre, some spread out.
		await sql`
			INSERT INTO cameras (geom, surveillance_type, operator_class, capabilities, status, removed_on, first_seen, source)
			SELECT ST_SetSRID(ST_MakePoint(
					20.45 + (CASE WHEN i % 3 = 0 THEN 0.25 ELSE 0.06 END) * sin(i * 1.7) * ((i * 7919) % 1000) / 1000.0,
					44.80 + (CASE WHEN i % 3 = 0 THEN 0.20 ELSE 0.05 END) * cos(i * 2.3) * ((i * 104729) % 1000) / 1000.0), 4326),
				(ARRAY['camera', 'camera', 'ALPR', 'guard'])[1 + i % 4],
				(ARRAY['police', 'government', 'private', 'unknown', 'transport'])[1 + i % 5],
				CASE WHEN i % 7 = 0 THEN ARRAY['face_recognition'] WHEN i % 11 = 0 THEN ARRAY['plate_reading'] ELSE '{}' END,
				CASE WHEN i % 13 = 0 THEN 'removed' ELSE 'active' END,
				CASE WHEN i % 13 = 0 THEN date '2026-06-01' + (i % 90) END,
				date '2025-01-01' + (i % 600),
				'demo'
			FROM generate_series(1, ${CAMERAS}) AS i`.execute(database.db);
		const direct = await directCounts();
		expect(direct.reduce((sum, row) => sum + row.cameras, 0)).toBeGreaterThan(CAMERAS / 2);
		expect(await maintainedCounts()).toEqual(direct);

		const stats = await areaStatistics(database.db);
		const first = stats[0];
		expect(first.rank).toBe(1);
		expect(first.cameras).toBeGreaterThanOrEqual(stats[1].cameras);
		expect(first.perKm2).toBeCloseTo(first.cameras / first.areaKm2, 1);
		expect(first.per10k).toBeCloseTo((first.cameras / first.population!) * 10_000, 1);
		expect(first.months.reduce((sum, month) => sum + month.verified, 0)).toBe(first.cameras + first.removed);
	});

	it('follows every change to a camera and to an outline', async () => {
		await sql`UPDATE cameras SET status = 'removed', removed_on = date '2026-11-01' WHERE id % 17 = 0 AND status = 'active'`.execute(
			database.db
		);
		await sql`UPDATE cameras SET geom = ST_SetSRID(ST_MakePoint(20.25, 44.65), 4326) WHERE id % 19 = 0`.execute(
			database.db
		);
		await sql`UPDATE cameras SET capabilities = ARRAY['face_recognition'], surveillance_type = 'ALPR' WHERE id % 23 = 0`.execute(
			database.db
		);
		await sql`DELETE FROM cameras WHERE id % 29 = 0`.execute(database.db);
		expect(await maintainedCounts()).toEqual(await directCounts());
		const { direct, kept } = await months();
		expect(direct.length).toBeGreaterThan(100);
		expect(kept).toBe(direct);

		// A change to what the statistics do not count (a confirmation) leaves them as they were.
		const before = await maintainedCounts();
		await sql`UPDATE cameras SET last_seen = date '2026-11-20', confirmations = confirmations + 1 WHERE id % 3 = 0`.execute(
			database.db
		);
		expect(await maintainedCounts()).toEqual(before);
		expect((await months()).kept).toBe(kept);

		// A corrected outline (re-imported) is recounted.
		const file = boundaryFile();
		file.features[0].geometry.coordinates = [
			[
				[20.2, 44.6],
				[20.45, 44.6],
				[20.45, 44.85],
				[20.2, 44.85],
				[20.2, 44.6]
			]
		];
		expect(await importAreas(database.db, file, options)).toMatchObject({ imported: 17, errors: [] });
		expect(await maintainedCounts()).toEqual(await directCounts());
	});
});
