import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import * as cameras from '../../../src/lib/server/cameras/repository';
import { seedDemoIfEmpty } from '../../../seeds/demo';
import { createCamera, type CameraValues } from '../../support/factories';
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
		const { id } = await createCamera(database.db, {
			lng: 20.4,
			lat: 44.8,
			status: 'removed',
			removed_on: '2026-05-01',
			source_ref: 'removed-1'
		});
		const { cameras: rows } = await cameras.list(database.db, belgrade);
		expect(rows.some((row) => row.id === id)).toBe(false);
		const keys = Object.keys(rows[0]);
		for (const internal of ['created_at', 'updated_at', 'source_ref', 'version', 'geom', 'geom_3857']) {
			expect(keys).not.toContain(internal);
		}
		// A removed camera keeps its page: a tombstone, not a deletion.
		expect((await cameras.read(database.db, id))?.status).toBe('removed');
	});

	it('opens maps at the mean place of the active cameras', async () => {
		const { cameras: active } = await cameras.list(database.db, [-180, -90, 180, 90], 100_000);
		const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
		const start = await cameras.startingPoint(database.db);
		expect(start!.lng).toBeCloseTo(mean(active.map((camera) => camera.lng)), 4);
		expect(start!.lat).toBeCloseTo(mean(active.map((camera) => camera.lat)), 4);
		// The demo's cameras are densest in the centre: the start is within 3 km of Terazije.
		expect(Math.abs(start!.lat - 44.8129)).toBeLessThan(0.027);
		expect(Math.abs(start!.lng - 20.4606)).toBeLessThan(0.038);
	});

	it('says when the limit cut the list', async () => {
		const { cameras: rows, truncated } = await cameras.list(database.db, belgrade, 10);
		expect(rows).toHaveLength(10);
		expect(truncated).toBe(true);
	});

	it('draws a camera with its neighbours and fields of view in ground metres around it', async () => {
		const insert = (lng: number, lat: number, values: Partial<CameraValues> = {}) =>
			createCamera(database.db, {
				lng,
				lat,
				camera_type: 'fixed',
				camera_direction: [90],
				surveillance_zone: 'street',
				...values
			});
		// 100 ground metres east of it at 45° N: 100 / (111,319.5 · cos 45°) degrees of longitude.
		const east = 100 / (111_319.49 * Math.cos(Math.PI / 4));
		const self = await insert(19, 45, { status: 'removed', removed_on: '2026-05-01' });
		const neighbour = await insert(19 + east, 45);
		const gone = await insert(19 - east, 45, { status: 'removed', removed_on: '2026-05-01' });
		const far = await insert(19 + 10 * east, 45);

		const drawn = await cameras.surroundings(database.db, self.id);
		const ids = drawn.map((camera) => camera.id);
		// A removed camera's own page still shows it; other removed cameras and far ones are left out.
		expect(ids).toEqual([neighbour.id, self.id]);
		expect(ids).not.toContain(gone.id);
		expect(ids).not.toContain(far.id);
		expect(drawn[1]).toMatchObject({ x: 0, y: 0 });
		expect(drawn[0].x).toBeCloseTo(100, 0);
		expect(drawn[0].y).toBeCloseTo(0, 0);

		// Looking east (90°), 60° wide and 40 m long: SVG path data from the camera outwards.
		const numbers = drawn[1].fov!.match(/-?\d+(\.\d+)?/g)!.map(Number);
		const corners = Array.from({ length: numbers.length / 2 }, (_, i) => [numbers[2 * i], numbers[2 * i + 1]]);
		expect(drawn[1].fov).toMatch(/^M /);
		expect(corners[0].map(Math.abs)).toEqual([0, 0]);
		expect(corners.length).toBeGreaterThan(4);
		for (const [x, y] of corners) {
			expect(x).toBeGreaterThanOrEqual(-0.1);
			expect(Math.hypot(x, y)).toBeLessThanOrEqual(40.2);
			expect(Math.abs(Math.atan2(y, x))).toBeLessThanOrEqual(Math.PI / 6 + 0.01);
		}
		expect(Math.max(...corners.map(([x]) => x))).toBeCloseTo(40, 0);
	});

	it('finds nothing outside the box and nothing for an unknown id', async () => {
		expect((await cameras.list(database.db, [0, 0, 1, 1])).cameras).toEqual([]);
		expect(await cameras.read(database.db, 987654)).toBeUndefined();
	});
});
