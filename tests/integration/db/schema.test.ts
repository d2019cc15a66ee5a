import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { migrateDown, migrateToLatest } from '../../../src/lib/server/db/migrate';
import { point } from '../../../src/lib/server/db/postgis';
import { demoCameras, seedDemoIfEmpty } from '../../../seeds/demo';
import { testBackend, testDatabase } from '../harness';

describe(`schema and seeds (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(() => database?.close());

	it('seeds the Belgrade outline and every demo camera once', async () => {
		expect(await seedDemoIfEmpty(database.db)).toBe(true);
		expect(await seedDemoIfEmpty(database.db)).toBe(false);
		const area = await database.db
			.selectFrom('areas')
			.select(['slug', 'name_sr_cyrl', 'area_km2'])
			.executeTakeFirstOrThrow();
		expect(area.slug).toBe('beograd');
		expect(area.name_sr_cyrl).toBe('Град Београд');
		// Belgrade's administrative area is 3,234.96 km²; Natural Earth's coarse outline is close.
		expect(area.area_km2).toBeGreaterThan(3000);
		expect(area.area_km2).toBeLessThan(3500);
		const { count } = await database.db
			.selectFrom('cameras')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('source', '=', 'demo')
			.executeTakeFirstOrThrow();
		expect(count).toBe(demoCameras().length);
	});

	it('puts every demo camera inside the Belgrade outline', async () => {
		const { rows } = await sql<{ outside: number }>`
			SELECT count(*)::int AS outside FROM cameras c, areas a
			WHERE a.slug = 'beograd' AND NOT ST_Contains(a.geom, c.geom)`.execute(database.db);
		expect(rows[0].outside).toBe(0);
	});

	it('keeps the Web Mercator copy of a camera in step with its position', async () => {
		const { id } = await database.db
			.insertInto('cameras')
			.values({ geom: point(20.4573, 44.8176) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { rows } = await sql<{ x: number; y: number }>`
			SELECT ST_X(geom_3857) AS x, ST_Y(geom_3857) AS y FROM cameras WHERE id = ${id}`.execute(database.db);
		// Spherical Mercator on the WGS 84 semi-major axis.
		const radius = 6378137;
		const rad = Math.PI / 180;
		expect(rows[0].x).toBeCloseTo(radius * 20.4573 * rad, 2);
		expect(rows[0].y).toBeCloseTo(radius * Math.log(Math.tan(Math.PI / 4 + (44.8176 * rad) / 2)), 2);
	});

	it('rejects attribute values outside the OpenStreetMap lists', async () => {
		await expect(
			database.db
				.insertInto('cameras')
				// Not one of the types: the database refuses it whatever the app's types allow.
				.values({ geom: point(20.46, 44.81), camera_type: 'hidden' as 'fixed' })
				.execute()
		).rejects.toThrow(/check constraint/);
		await expect(
			database.db
				.insertInto('cameras')
				.values({ geom: point(20.46, 44.81), camera_direction: [400] })
				.execute()
		).rejects.toThrow(/check constraint/);
		await expect(
			database.db
				.insertInto('cameras')
				.values({ geom: point(20.46, 44.81), status: 'removed' })
				.execute()
		).rejects.toThrow(/check constraint/);
	});

	it('migrates all the way down and up again', async () => {
		const scratch = await testDatabase();
		try {
			let undone: string[];
			do {
				undone = await migrateDown(scratch.db);
			} while (undone.length > 0);
			const { rows } = await sql<{ n: number }>`
				SELECT count(*)::int AS n FROM information_schema.tables
				WHERE table_schema = 'public' AND table_name IN ('cameras', 'areas')`.execute(scratch.db);
			expect(rows[0].n).toBe(0);
			expect((await migrateToLatest(scratch.db)).length).toBeGreaterThan(0);
		} finally {
			await scratch.close();
		}
	});
});
