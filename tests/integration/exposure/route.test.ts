/**
 * Route exposure on a hand-checked fixture: a 197 m walk along a parallel in Belgrade and four
 * cameras whose fields of view are known by construction (src/lib/geo/fov.ts):
 *  - A, a dome on the route 50 m from the start: a 40 m circle, so 10–90 m is watched (80 m);
 *  - B, a fixed camera on the route at 150 m looking east (90°): a 60° sector of 40 m, whose axis
 *    runs along the route, so 150–190 m is watched (40 m);
 *  - C, a dome 100 m north of the route: out of reach;
 *  - D, a guard on the route: guards do not look.
 * So 120 m of 197.4 m are watched, by A and B. The server's number must be that (to the
 * centimetres the ellipsoid adds) and the browser's estimate (the same cut, on a sphere) must
 * agree with the server.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { estimateExposure } from '../../../src/lib/geo/exposure';
import { routeExposure } from '../../../src/lib/server/exposure/repository';
import { createCamera, type CameraValues } from '../../support/factories';
import { testBackend, testDatabase } from '../harness';

const LAT = 44.81;
const START = 20.45;
/** Degrees of longitude per ground metre along this parallel (WGS 84). */
const PER_METRE =
	1 /
	(((Math.PI / 180) * 6_378_137 * Math.cos((LAT * Math.PI) / 180)) /
		Math.sqrt(1 - 0.00669438 * Math.sin((LAT * Math.PI) / 180) ** 2));
const at = (metres: number) => START + metres * PER_METRE;
const ROUTE: [number, number][] = [
	[START, LAT],
	[at(120), LAT],
	[at(197.4), LAT]
];

/** A camera as the estimate and the database both take it. */
type RouteCamera = Required<Pick<CameraValues, 'lng' | 'lat' | 'surveillance_type' | 'camera_type'>> & {
	name: string;
	camera_direction: number[];
};

const CAMERAS: RouteCamera[] = [
	{
		name: 'A',
		lng: at(50),
		lat: LAT,
		surveillance_type: 'camera',
		camera_type: 'dome',
		camera_direction: []
	},
	{ name: 'B', lng: at(150), lat: LAT, surveillance_type: 'camera', camera_type: 'fixed', camera_direction: [90] },
	{
		name: 'C',
		lng: at(100),
		lat: LAT + 100 / 111_132,
		surveillance_type: 'camera',
		camera_type: 'dome',
		camera_direction: []
	},
	{ name: 'D', lng: at(60), lat: LAT, surveillance_type: 'guard', camera_type: null, camera_direction: [] }
];

describe(`route exposure (${testBackend()})`, () => {
	let database: Database;
	const ids: Record<string, number> = {};

	beforeAll(async () => {
		database = await testDatabase();
		for (const camera of CAMERAS) {
			const { name, ...values } = camera;
			ids[name] = (await createCamera(database.db, { ...values, source: 'citizen' })).id;
		}
	});
	afterAll(() => database?.close());

	it('counts the watched metres and the cameras exactly', async () => {
		const exposure = await routeExposure(database.db, ROUTE);
		expect(exposure.lengthM).toBeCloseTo(197.4, 0);
		expect(exposure.coveredM).toBeGreaterThan(119.5);
		expect(exposure.coveredM).toBeLessThan(120.5);
		expect(exposure.share).toBeCloseTo(120 / 197.4, 2);
		expect(exposure.cameras.map((camera) => camera.id)).toEqual([ids.A, ids.B]);
		expect(exposure.cameras[0].metres).toBeCloseTo(80, 0);
		expect(exposure.cameras[1].metres).toBeCloseTo(40, 0);
		// The watched parts, for the map: 10–90 m (A) and 150–190 m (B) along the parallel.
		expect(exposure.covered?.type).toBe('MultiLineString');
		const parts = exposure
			.covered!.coordinates.map((line) =>
				line.map(([lng]) => Math.round((lng - START) / PER_METRE)).sort((a, b) => a - b)
			)
			.map((metres) => [metres[0], metres[metres.length - 1]])
			.sort((a, b) => a[0] - b[0]);
		expect(parts).toEqual([
			[10, 90],
			[150, 190]
		]);
		for (const line of exposure.covered!.coordinates) for (const [, lat] of line) expect(lat).toBeCloseTo(LAT, 6);
	});

	it('has no watched parts for a route no camera sees', async () => {
		const far: [number, number][] = [
			[START, LAT + 0.01],
			[at(100), LAT + 0.01]
		];
		const exposure = await routeExposure(database.db, far);
		expect(exposure).toMatchObject({ coveredM: 0, share: 0, cameras: [], covered: null });
		expect(exposure.lengthM).toBeGreaterThan(90);
	});

	it('gets the same answer in the browser while the route is drawn', async () => {
		const server = await routeExposure(database.db, ROUTE);
		const estimate = estimateExposure(
			ROUTE,
			CAMERAS.map((camera) => ({ ...camera, id: ids[camera.name], surveillance_zone: null }))
		);
		// The browser measures on a sphere, the server on the ellipsoid: 0.3 % apart here, the
		// same for the whole route and its watched parts, so the shares agree closely.
		expect(Math.abs(estimate.lengthM - server.lengthM) / server.lengthM).toBeLessThan(0.005);
		expect(Math.abs(estimate.coveredM - server.coveredM)).toBeLessThan(0.5);
		expect(Math.abs(estimate.share - server.share)).toBeLessThan(0.001);
		expect(estimate.cameraIds).toEqual(server.cameras.map((camera) => camera.id));
	});

	it('ignores removed cameras', async () => {
		await sql`UPDATE cameras SET status = 'removed', removed_on = current_date WHERE id = ${ids.B}`.execute(
			database.db
		);
		const exposure = await routeExposure(database.db, ROUTE);
		expect(exposure.cameras.map((camera) => camera.id)).toEqual([ids.A]);
		expect(exposure.coveredM).toBeCloseTo(80, 0);
	});
});
