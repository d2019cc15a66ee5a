import { describe, expect, it } from 'vitest';
import { fovAngle, fovPolygons, fovRange } from '../../../src/lib/geo/fov';

const metres = ([lng1, lat1]: number[], [lng2, lat2]: number[]) => {
	const r = 6371008.8;
	const dLat = ((lat2 - lat1) * Math.PI) / 180;
	const dLng = ((lng2 - lng1) * Math.PI) / 180;
	const a =
		Math.sin(dLat / 2) ** 2 +
		Math.cos((lat1 * Math.PI) / 180) * Math.cos((lat2 * Math.PI) / 180) * Math.sin(dLng / 2) ** 2;
	return 2 * r * Math.asin(Math.sqrt(a));
};

describe('field of view model', () => {
	it('chooses the angle by camera type and known directions', () => {
		expect(fovAngle('fixed', 1)).toBe(60);
		expect(fovAngle(null, 2)).toBe(60);
		expect(fovAngle('panning', 1)).toBe(90);
		expect(fovAngle('dome', 1)).toBe(360);
		expect(fovAngle('fixed', 0)).toBe(360);
	});
	it('chooses the range by kind and zone', () => {
		expect(fovRange('camera', 'traffic')).toBe(50);
		expect(fovRange('camera', 'shop')).toBe(30);
		expect(fovRange('camera', null)).toBe(40);
		expect(fovRange('ALPR', 'traffic')).toBe(30);
		expect(fovRange('guard', null)).toBeNull();
	});
	it('draws one sector per direction, its arc at the range in ground metres', () => {
		const camera = {
			lng: 20.46,
			lat: 44.81,
			camera_type: 'fixed',
			camera_direction: [0, 180],
			surveillance_type: 'camera',
			surveillance_zone: 'traffic'
		};
		const polygons = fovPolygons(camera)!;
		expect(polygons).toHaveLength(2);
		const ring = polygons[0][0];
		expect(ring[0]).toEqual([20.46, 44.81]);
		expect(ring.at(-1)).toEqual(ring[0]);
		expect(ring).toHaveLength(6 + 1 + 2);
		for (const point of ring.slice(1, -1)) expect(metres([20.46, 44.81], point)).toBeCloseTo(50, 0);
		// Direction 0 looks north: the middle of the arc is due north of the camera.
		expect(ring[4][0]).toBeCloseTo(20.46, 9);
		expect(ring[4][1]).toBeGreaterThan(44.81);
	});
	it('draws a circle for a dome and nothing for a guard', () => {
		const dome = fovPolygons({
			lng: 0,
			lat: 60,
			camera_type: 'dome',
			camera_direction: [],
			surveillance_type: 'camera',
			surveillance_zone: null
		})!;
		expect(dome).toHaveLength(1);
		expect(dome[0][0]).toHaveLength(25);
		expect(metres([0, 60], dome[0][0][3])).toBeCloseTo(40, 0);
		expect(
			fovPolygons({
				lng: 0,
				lat: 0,
				camera_type: null,
				camera_direction: [],
				surveillance_type: 'guard',
				surveillance_zone: null
			})
		).toBeNull();
	});
});
