/**
 * Known values: closed forms on the sphere, and numbers PostGIS (PROJ) gives for the same
 * positions: ST_Transform to EPSG:3857, ST_TileEnvelope, ST_DistanceSphere.
 */
import { describe, expect, it } from 'vitest';
import {
	bearingDegrees,
	degreesAround,
	fromMercator,
	groundMetres,
	lineMetres,
	MEAN_RADIUS,
	MERCATOR_HALF,
	MERCATOR_MAX_LAT,
	mercatorScale,
	mercatorToTile,
	offsetLngLat,
	tileOf,
	tileToLngLat,
	toMercator
} from '../../../src/lib/geo/earth';

const BELGRADE = [20.4573, 44.8176] as const;

describe('Web Mercator', () => {
	it('projects as PostGIS does', () => {
		expect(MERCATOR_HALF).toBe(20037508.342789244);
		expect(toMercator(0, 0)[0]).toBe(0);
		expect(toMercator(0, 0)[1]).toBeCloseTo(0, 6);
		const [x, y] = toMercator(...BELGRADE);
		// SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(20.4573, 44.8176), 4326), 3857))
		expect(x).toBeCloseTo(2277296.2190052355, 6);
		expect(y).toBeCloseTo(5592851.901228462, 6);
		expect(toMercator(180, 0)[0]).toBeCloseTo(MERCATOR_HALF, 6);
		expect(toMercator(0, MERCATOR_MAX_LAT)[1]).toBeCloseTo(MERCATOR_HALF, 3);
	});
	it('clamps latitudes beyond the square', () => {
		expect(toMercator(0, 90)[1]).toBeCloseTo(MERCATOR_HALF, 3);
		expect(toMercator(0, -89)[1]).toBeCloseTo(-MERCATOR_HALF, 3);
	});
	it('inverts', () => {
		const [lng, lat] = fromMercator(-2277296.2190052355, 5592851.901228462);
		expect(lng).toBeCloseTo(-20.4573, 10);
		expect(lat).toBeCloseTo(44.8176, 10);
		for (const [a, b] of [
			[-179.5, -84],
			[0.001, 0.001],
			[135, 60]
		]) {
			const back = fromMercator(...toMercator(a, b));
			expect(back[0]).toBeCloseTo(a, 10);
			expect(back[1]).toBeCloseTo(b, 10);
		}
	});
	it('stretches by 1 / cos(latitude)', () => {
		expect(mercatorScale(0)).toBe(1);
		expect(mercatorScale(60)).toBeCloseTo(0.5, 12);
	});
});

describe('tiles', () => {
	it('finds the tile holding a position, as ST_TileEnvelope draws it', () => {
		// ST_Contains(ST_TileEnvelope(14, 9123, 5905), <Belgrade in 3857>) is true.
		expect(tileOf(...BELGRADE, 14)).toEqual([9123, 5905]);
		expect(tileOf(...BELGRADE, 0)).toEqual([0, 0]);
		expect(tileOf(-0.0001, 0.0001, 1)).toEqual([0, 0]);
		expect(tileOf(0.0001, -0.0001, 1)).toEqual([1, 1]);
		expect(tileOf(180, -90, 3)).toEqual([7, 7]);
	});
	it("gives a tile corner's position", () => {
		// The north-west corner of ST_TileEnvelope(14, 9122, 5905), transformed to 4326.
		const [lng, lat] = tileToLngLat(9122, 5905, 14);
		expect(lng).toBeCloseTo(20.43457031250001, 10);
		expect(lat).toBeCloseTo(44.82470828230022, 10);
		expect(tileToLngLat(1, 1, 1)).toEqual([0, 0]);
		const [west, north] = tileToLngLat(0, 0, 0);
		expect(west).toBeCloseTo(-180, 10);
		expect(north).toBeCloseTo(MERCATOR_MAX_LAT, 10);
	});
	it('puts a Mercator point in tile space', () => {
		expect(mercatorToTile(0, 0, 4)).toEqual([8, 8]);
		expect(mercatorToTile(-MERCATOR_HALF, MERCATOR_HALF, 4)).toEqual([0, 0]);
		const [u, v] = mercatorToTile(...toMercator(...BELGRADE), 14);
		expect(Math.floor(u)).toBe(9123);
		expect(Math.floor(v)).toBe(5905);
	});
});

describe('distances', () => {
	it('measures on the mean sphere', () => {
		expect(groundMetres([0, 0], [0, 0])).toBe(0);
		expect(groundMetres([0, 0], [180, 0])).toBeCloseTo(Math.PI * MEAN_RADIUS, 3);
		expect(groundMetres([10, 0], [10, 90])).toBeCloseTo((Math.PI / 2) * MEAN_RADIUS, 3);
		// Along a parallel the great circle is a little shorter than the parallel's own arc.
		expect(groundMetres([0, 60], [1, 60])).toBeCloseTo(2 * MEAN_RADIUS * Math.asin(0.5 * Math.sin(Math.PI / 360)), 4);
		// ST_DistanceSphere says 70 001.775 m on its mean radius of 6 371 008.7714 m.
		expect(groundMetres(BELGRADE, [19.8335, 45.2671])).toBeCloseTo((70001.77534129 * MEAN_RADIUS) / 6371008.7714, 3);
	});
	it('adds up a line', () => {
		const line = [[0, 0] as const, [0, 1] as const, [1, 1] as const];
		expect(lineMetres(line)).toBeCloseTo(groundMetres(line[0], line[1]) + groundMetres(line[1], line[2]), 6);
		expect(lineMetres([[5, 5]])).toBe(0);
	});
	it('steps a short distance in a direction and finds the direction back', () => {
		for (const bearing of [0, 37, 90, 200, 315]) {
			const there = offsetLngLat(BELGRADE, bearing, 14);
			expect(groundMetres(BELGRADE, there)).toBeCloseTo(14, 1);
			expect(bearingDegrees(BELGRADE, there)).toBeCloseTo(bearing, 6);
		}
		expect(offsetLngLat(BELGRADE, 0, 100)[0]).toBe(BELGRADE[0]);
		expect(offsetLngLat(BELGRADE, 0, 100)[1]).toBeGreaterThan(BELGRADE[1]);
	});
	it('draws a box that holds every point within the distance', () => {
		for (const lat of [0, 44.8, -60, 84]) {
			const { dLng, dLat } = degreesAround(lat, 500);
			for (let bearing = 0; bearing < 360; bearing += 15) {
				// 500 m on the ground, found by bisection along the bearing.
				let [low, high] = [0, 1000];
				for (let i = 0; i < 60; i++) {
					const mid = (low + high) / 2;
					if (groundMetres([10, lat], offsetLngLat([10, lat], bearing, mid)) < 500) low = mid;
					else high = mid;
				}
				const [lng2, lat2] = offsetLngLat([10, lat], bearing, low);
				expect(Math.abs(lng2 - 10)).toBeLessThanOrEqual(dLng);
				expect(Math.abs(lat2 - lat)).toBeLessThanOrEqual(dLat);
			}
			// Not wastefully large: within 2 % of a degree of latitude's real length.
			expect(dLat * 111_320).toBeLessThan(500 * 1.02);
		}
	});
});
