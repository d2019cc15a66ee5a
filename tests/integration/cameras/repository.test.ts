import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { point } from '../../../src/lib/server/db/postgis';
import * as cameras from '../../../src/lib/server/repositories/cameras';
import { seedDemoIfEmpty } from '../../../seeds/demo';
import { testBackend, testDatabase } from '../harness';

const belgrade = [20.2, 44.7, 20.65, 44.9];

describe(`public cameras (${testBackend()})`, () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
		await seedDemoIfEmpty(database.db);
	});
	afterAll(() => database?.close());

	it('lists the active cameras inside a box as RFC 7946 features', async () => {
		const { cameras: rows, truncated } = await cameras.list(database.db, belgrade);
		expect(rows.length).toBeGreaterThan(200);
		expect(truncated).toBe(false);
		for (const feature of rows.map(cameras.toFeature)) {
			expect(feature.type).toBe('Feature');
			expect(feature.geometry.type).toBe('Point');
			const [lng, lat] = feature.geometry.coordinates;
			// Longitude first (RFC 7946 §3.1.1), inside the box.
			expect(lng).toBeGreaterThanOrEqual(belgrade[0]);
			expect(lng).toBeLessThanOrEqual(belgrade[2]);
			expect(lat).toBeGreaterThanOrEqual(belgrade[1]);
			expect(lat).toBeLessThanOrEqual(belgrade[3]);
		}
	});

	it('leaves out internal fields and removed cameras', async () => {
		const { id } = await database.db
			.insertInto('cameras')
			.values({ geom: point(20.4, 44.8), status: 'removed', removed_on: '2026-05-01', source_ref: 'removed-1' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { cameras: rows } = await cameras.list(database.db, belgrade);
		expect(rows.some((row) => row.id === id)).toBe(false);
		const keys = Object.keys(rows[0]);
		for (const internal of ['created_at', 'updated_at', 'source_ref', 'version', 'geom', 'geom_3857']) {
			expect(keys).not.toContain(internal);
		}
		// A removed camera keeps its page: a tombstone, not a deletion.
		expect((await cameras.read(database.db, id))?.status).toBe('removed');
	});

	it('says when the limit cut the list', async () => {
		const { cameras: rows, truncated } = await cameras.list(database.db, belgrade, 10);
		expect(rows).toHaveLength(10);
		expect(truncated).toBe(true);
	});

	it('finds nothing outside the box and nothing for an unknown id', async () => {
		expect((await cameras.list(database.db, [0, 0, 1, 1])).cameras).toEqual([]);
		expect(await cameras.read(database.db, 987654)).toBeUndefined();
	});
});
