/**
 * The field-of-view model: what area a camera is assumed to see. One place for the numbers, used
 * by the `fov` tile layer and meant for statistics (share of an area in view) and route exposure.
 *
 * The database computes the same polygons with `camera_fov()` (migrations/0003_tiles.sql); a test
 * (tests/integration/tiles/fov.test.ts) checks that both agree, so change them together.
 *
 * - Angle: a dome camera, or one whose direction is unknown, is taken to see all around (a
 *   circle); a panning camera 90°, a fixed one (or of unknown type) 60°, centred on each of its
 *   directions.
 * - Range, in ground metres: ALPR 30 m (plates are read close up); traffic cameras 50 m;
 *   cameras on buildings, shops and banks 30 m (entrances, facades); everything else 40 m.
 *   Guards and gunshot detectors do not look: no field of view.
 * - Geometry: drawn in Web Mercator around the camera with the radius scaled by 1 / cos(latitude)
 *   (so it is ground metres at the camera), arc vertices every 10° (a circle: every 15°).
 *   Several directions give several sectors; the database stores their union.
 */
import type { CameraType, SurveillanceType, SurveillanceZone } from '#lib/camera-tags.js';
import { fromMercator, mercatorScale, radians, toMercator } from './earth';

export const FULL_CIRCLE = 360;
export const SECTOR_STEP_DEGREES = 10;
export const CIRCLE_STEP_DEGREES = 15;

export function fovAngle(cameraType: CameraType | string | null, directionCount: number): number {
	if (cameraType === 'dome' || directionCount === 0) return FULL_CIRCLE;
	return cameraType === 'panning' ? 90 : 60;
}

export function fovRange(
	surveillanceType: SurveillanceType | string,
	zone: SurveillanceZone | string | null
): number | null {
	if (surveillanceType === 'guard' || surveillanceType === 'gunshot_detector') return null;
	if (surveillanceType === 'ALPR') return 30;
	if (zone === 'traffic') return 50;
	if (zone === 'building' || zone === 'shop' || zone === 'bank') return 30;
	return 40;
}

export interface FovCamera {
	lng: number;
	lat: number;
	camera_type: string | null;
	camera_direction: readonly number[];
	surveillance_type: string;
	surveillance_zone: string | null;
}

/** The field of view as GeoJSON MultiPolygon coordinates (one polygon per sector), or null. */
export function fovPolygons(camera: FovCamera): [number, number][][][] | null {
	const range = fovRange(camera.surveillance_type, camera.surveillance_zone);
	if (range === null) return null;
	const angle = fovAngle(camera.camera_type, camera.camera_direction.length);
	const [cx, cy] = toMercator(camera.lng, camera.lat);
	const r = range / mercatorScale(camera.lat);
	const at = (bearing: number) =>
		fromMercator(cx + r * Math.sin(radians(bearing)), cy + r * Math.cos(radians(bearing)));
	if (angle >= FULL_CIRCLE) {
		const steps = FULL_CIRCLE / CIRCLE_STEP_DEGREES;
		return [[Array.from({ length: steps + 1 }, (_, i) => at((i % steps) * CIRCLE_STEP_DEGREES))]];
	}
	const steps = Math.ceil(angle / SECTOR_STEP_DEGREES);
	const centre: [number, number] = [camera.lng, camera.lat];
	return camera.camera_direction.map((direction) => [
		[centre, ...Array.from({ length: steps + 1 }, (_, i) => at(direction - angle / 2 + (i * angle) / steps)), centre]
	]);
}
