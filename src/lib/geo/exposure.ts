/**
 * The instant estimate of a route's exposure while it is drawn, in the browser: the route is
 * walked in steps of about a metre and each step counts as watched when its midpoint lies in a
 * camera's field of view (the same polygons as the server's, src/lib/geo/fov.ts). The server's
 * number (`POST /api/v1/exposure`, exact geometry in PostGIS) is the authoritative one; a test
 * checks that both agree.
 */
import { groundMetres } from '#lib/schemas/exposure.js';
import { fovPolygons, type FovCamera } from './fov';

export interface Exposure {
	lengthM: number;
	coveredM: number;
	/** 0–1. */
	share: number;
	/** Cameras whose view the route crosses, by id. */
	cameraIds: number[];
}

type Ring = [number, number][];

function inRing([x, y]: readonly number[], ring: Ring): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

export function estimateExposure(
	route: readonly [number, number][],
	cameras: readonly (FovCamera & { id: number })[]
): Exposure {
	const views = cameras.flatMap((camera) => {
		const polygons = fovPolygons(camera);
		return polygons ? [{ id: camera.id, rings: polygons.map((polygon) => polygon[0] as Ring) }] : [];
	});
	let lengthM = 0;
	let coveredM = 0;
	const seen = new Set<number>();
	for (let i = 1; i < route.length; i++) {
		const [a, b] = [route[i - 1], route[i]];
		const metres = groundMetres(a, b);
		lengthM += metres;
		const steps = Math.max(1, Math.ceil(metres));
		for (let step = 0; step < steps; step++) {
			const t = (step + 0.5) / steps;
			const point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
			let watched = false;
			for (const view of views) {
				if (view.rings.some((ring) => inRing(point, ring))) {
					watched = true;
					seen.add(view.id);
				}
			}
			if (watched) coveredM += metres / steps;
		}
	}
	return {
		lengthM,
		coveredM,
		share: lengthM > 0 ? coveredM / lengthM : 0,
		cameraIds: [...seen].sort((x, y) => x - y)
	};
}
