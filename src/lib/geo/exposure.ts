/**
 * The instant estimate of a route's exposure while it is drawn, in the browser. Each leg of the
 * route is cut where it crosses the edge of a camera's field of view (the same polygons as the
 * server's, src/lib/geo/fov.ts), and each piece between two cuts is either wholly inside a view
 * or wholly outside: its middle decides. So the watched metres are exact for the polygons, with
 * no sampling step. The server's number (`POST /api/v1/exposure`, the same cut in PostGIS, on
 * the ellipsoid) is the authoritative one; a test checks that both agree, and
 * bench/exposure.ts compares this with the 1 m sampling it replaced.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import lineIntersect from '@turf/line-intersect';
import type { LineString, MultiPolygon } from 'geojson';
import { groundMetres, type LngLat } from './earth';
import { fovPolygons, type FovCamera } from './fov';

export interface Exposure {
	lengthM: number;
	coveredM: number;
	/** 0–1. */
	share: number;
	/** Cameras whose view the route crosses, by id. */
	cameraIds: number[];
}

interface View {
	id: number;
	shape: MultiPolygon;
	/** West, south, east, north. */
	box: [number, number, number, number];
}

function viewOf(camera: FovCamera & { id: number }): View | null {
	const coordinates = fovPolygons(camera);
	if (!coordinates) return null;
	const box: View['box'] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const polygon of coordinates) {
		for (const [lng, lat] of polygon[0]) {
			box[0] = Math.min(box[0], lng);
			box[1] = Math.min(box[1], lat);
			box[2] = Math.max(box[2], lng);
			box[3] = Math.max(box[3], lat);
		}
	}
	return { id: camera.id, shape: { type: 'MultiPolygon', coordinates }, box };
}

/** Where along a → b (0 at a, 1 at b) the point p on it lies. */
function along(a: LngLat, b: LngLat, p: readonly number[]): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	return ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
}

export function estimateExposure(
	route: readonly [number, number][],
	cameras: readonly (FovCamera & { id: number })[]
): Exposure {
	const views = cameras.map(viewOf).filter((view) => view !== null);
	let lengthM = 0;
	let coveredM = 0;
	const seen = new Set<number>();
	for (let i = 1; i < route.length; i++) {
		const [a, b] = [route[i - 1], route[i]];
		const metres = groundMetres(a, b);
		if (metres === 0) continue;
		lengthM += metres;
		const west = Math.min(a[0], b[0]);
		const east = Math.max(a[0], b[0]);
		const south = Math.min(a[1], b[1]);
		const north = Math.max(a[1], b[1]);
		const near = views.filter(({ box }) => box[0] <= east && box[2] >= west && box[1] <= north && box[3] >= south);
		if (near.length === 0) continue;
		const leg: LineString = { type: 'LineString', coordinates: [a, b] };
		const cuts = [0, 1];
		for (const view of near) {
			for (const crossing of lineIntersect(leg, view.shape).features) {
				const t = along(a, b, crossing.geometry.coordinates);
				if (t > 0 && t < 1) cuts.push(t);
			}
		}
		cuts.sort((x, y) => x - y);
		for (let c = 1; c < cuts.length; c++) {
			const [from, to] = [cuts[c - 1], cuts[c]];
			if (to - from <= 0) continue;
			const t = (from + to) / 2;
			const middle = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
			let watched = false;
			for (const view of near) {
				if (booleanPointInPolygon(middle, view.shape)) {
					watched = true;
					seen.add(view.id);
				}
			}
			if (watched) coveredM += (to - from) * metres;
		}
	}
	return {
		lengthM,
		coveredM,
		share: lengthM > 0 ? coveredM / lengthM : 0,
		cameraIds: [...seen].sort((x, y) => x - y)
	};
}
