/**
 * The official claim per area: set, replaced and removed with an audit entry each, carried by
 * the statistics (JSON and the repository), refused by the database when negative.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { multiPolygonFromGeoJSON } from '../../../src/lib/server/db/postgis';
import * as claims from '../../../src/lib/server/areas/claims';
import { areaStatistics } from '../../../src/lib/server/stats/repository';
import { testBackend, testDatabase } from '../harness';

const square = {
	type: 'Polygon',
	coordinates: [
		[
			[20.45, 44.81],
			[20.47, 44.81],
			[20.47, 44.83],
			[20.45, 44.83],
			[20.45, 44.81]
		]
	]
};

describe(`official claims per area (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
		const geom = multiPolygonFromGeoJSON(square);
		await database.db
			.insertInto('areas')
			.values({
				slug: 'kvadrat',
				level: 'municipality',
				name_sr_latn: 'Kvadrat',
				name_sr_cyrl: 'Квадрат',
				name_en: 'Square',
				geom,
				area_km2: sql<number>`ST_Area(${geom}::geography) / 1e6`
			})
			.execute();
	});
	afterAll(() => database?.close());

	const audit = () =>
		database.db
			.selectFrom('audit_log')
			.select(['action', 'target_type', 'target_id', 'actor_id', 'details'])
			.where('target_type', '=', 'area')
			.orderBy('id')
			.execute();

	it('sets and replaces a claim, each time with an audit entry, and the statistics carry it', async () => {
		await claims.set(
			database.db,
			'kvadrat',
			{ cameras: 120, source: 'MUP', statedOn: '2021-02-15', url: 'https://example.org/mup' },
			null
		);
		await claims.set(database.db, 'kvadrat', { cameras: 150, source: 'MUP', statedOn: '2022-03-01', url: null }, null);
		const [area] = await areaStatistics(database.db);
		expect(area.claim).toEqual({ cameras: 150, source: 'MUP', statedOn: '2022-03-01', url: null });
		const entries = await audit();
		expect(entries.map((entry) => [entry.action, entry.target_id, entry.actor_id])).toEqual([
			['area.claim', 'kvadrat', null],
			['area.claim', 'kvadrat', null]
		]);
		expect(entries[1].details).toMatchObject({
			before: { cameras: 120, stated_on: '2021-02-15', url: 'https://example.org/mup' },
			after: { cameras: 150, stated_on: '2022-03-01', url: null }
		});
	});

	it('removes a claim with an audit entry', async () => {
		expect(await claims.remove(database.db, 'kvadrat', null)).toBe(true);
		expect(await claims.remove(database.db, 'kvadrat', null)).toBe(false);
		expect((await areaStatistics(database.db))[0].claim).toBeNull();
		expect((await audit()).map((entry) => entry.action)).toEqual(['area.claim', 'area.claim', 'area.claim_remove']);
	});

	it('refuses an unknown area, and the database refuses a negative number', async () => {
		await expect(
			claims.set(database.db, 'nema', { cameras: 1, source: 'x', statedOn: '2021-01-01', url: null }, null)
		).rejects.toBeInstanceOf(claims.UnknownArea);
		const { id } = await database.db
			.selectFrom('areas')
			.select('id')
			.where('slug', '=', 'kvadrat')
			.executeTakeFirstOrThrow();
		await expect(
			database.db
				.insertInto('area_claims')
				.values({ area_id: id, cameras: -1, source: 'x', stated_on: '2021-01-01' })
				.execute()
		).rejects.toThrow(/check constraint/);
		expect(await database.db.selectFrom('area_claims').selectAll().execute()).toEqual([]);
		expect((await audit()).length).toBe(3);
	});
});
