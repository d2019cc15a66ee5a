/**
 * The browser's route-exposure estimate on cases worked out by hand. On the equator Web
 * Mercator is the plain Mercator sphere (radius 6 378 137 m), where the fields of view are drawn
 * (src/lib/geo/fov.ts); lengths are measured on the mean sphere, so every length on the
 * drawing is MEAN_RADIUS / MERCATOR_RADIUS (0.99888) of its drawn size.
 */
import { describe, expect, it } from 'vitest';
import { fromMercator, MEAN_RADIUS, MERCATOR_RADIUS } from '../../../src/lib/geo/earth';
import { estimateExposure } from '../../../src/lib/geo/exposure';

const SHRINK = MEAN_RADIUS / MERCATOR_RADIUS;
/** The position `east` and `north` Mercator metres from 0°, 0°. */
const at = (east: number, north: number) => fromMercator(east, north) as [number, number];

const camera = (id: number, east: number, north: number, type: string, directions: number[], kind = 'camera') => {
	const [lng, lat] = at(east, north);
	return {
		id,
		lng,
		lat,
		camera_type: type,
		camera_direction: directions,
		surveillance_type: kind,
		surveillance_zone: null
	};
};

describe('route exposure estimate', () => {
	it('cuts a straight route exactly where it crosses the edges of a cone', () => {
		// A fixed camera looking north sees 60° (±30°) to 40 m. A route 20 m north of it, running
		// east, enters the cone at 20·tan 30° = 11.55 m west of the camera and leaves as far east.
		const route = [at(-50, 20), at(50, 20)];
		const exposure = estimateExposure(route, [camera(7, 0, 0, 'fixed', [0])]);
		const watched = 2 * 20 * Math.tan(Math.PI / 6) * SHRINK;
		expect(exposure.coveredM).toBeCloseTo(watched, 3);
		expect(exposure.lengthM).toBeCloseTo(100 * SHRINK, 3);
		expect(exposure.share).toBeCloseTo(watched / (100 * SHRINK), 6);
		expect(exposure.cameraIds).toEqual([7]);
	});

	it('counts each leg, and a leg with a turn inside the cone', () => {
		// The same crossing drawn as two legs that meet inside the cone, 5 m east of the camera.
		const route = [at(-50, 20), at(5, 20), at(50, 20)];
		const exposure = estimateExposure(route, [camera(7, 0, 0, 'fixed', [0])]);
		expect(exposure.coveredM).toBeCloseTo(2 * 20 * Math.tan(Math.PI / 6) * SHRINK, 3);
	});

	it('counts overlapping views once, and only the cameras that see the route', () => {
		// Two domes (40 m circles, a vertex every 15°: due east and due west are vertices) 30 m
		// apart on the route: watched from 40 m before the first to 40 m after the second.
		const route = [at(-100, 0), at(100, 0)];
		const exposure = estimateExposure(route, [
			camera(1, 0, 0, 'dome', []),
			camera(2, 30, 0, 'dome', []),
			camera(3, 0, 60, 'dome', []),
			camera(4, 10, 0, null as unknown as string, [], 'guard')
		]);
		expect(exposure.coveredM).toBeCloseTo(110 * SHRINK, 3);
		expect(exposure.cameraIds).toEqual([1, 2]);
	});

	it('sees nothing of a route that passes behind a camera', () => {
		const exposure = estimateExposure([at(-50, -20), at(50, -20)], [camera(7, 0, 0, 'fixed', [0])]);
		expect(exposure).toMatchObject({ coveredM: 0, share: 0, cameraIds: [] });
	});

	it('counts a route wholly inside a view, and a repeated point adds nothing', () => {
		const route = [at(-5, 10), at(-5, 10), at(5, 10)];
		const exposure = estimateExposure(route, [camera(7, 0, 0, 'fixed', [0])]);
		expect(exposure.coveredM).toBeCloseTo(10 * SHRINK, 6);
		expect(exposure.share).toBeCloseTo(1, 9);
	});
});
