/**
 * The browser's route-exposure estimate: the exact cut at the edges of the fields of view
 * (src/lib/geo/exposure.ts, turf's line-intersect and point-in-polygon) against the sampling
 * every metre it replaced (kept below, as it was, for this comparison only). Run by hand:
 *
 *   npx tsx bench/exposure.ts [--routes 300] [--cameras 25] [--rounds 5] [--seed 15]
 *
 * Random walking routes around Belgrade (2–12 points, legs of 10–250 m), each with `--cameras`
 * random cameras (kinds, zones, types and 0–2 directions drawn like real ones) within 60 m of
 * it. Both methods run on the same routes in alternating rounds; the table gives the median
 * round's time per route, their ratio, and how far apart the watched metres are. A third
 * method, sampling every centimetre, is the reference for which one is right (first 30 routes).
 * Prints a table for bench/RESULTS.md, with the machine's load.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { groundMetres, offsetLngLat } from '../src/lib/geo/earth';
import { estimateExposure } from '../src/lib/geo/exposure';
import { fovPolygons, type FovCamera } from '../src/lib/geo/fov';

const { values } = parseArgs({
	options: {
		routes: { type: 'string', default: '300' },
		cameras: { type: 'string', default: '25' },
		rounds: { type: 'string', default: '5' },
		seed: { type: 'string', default: '15' }
	}
});

type Camera = FovCamera & { id: number };
type Route = [number, number][];

/** The estimate as it was before the exact cut: a point-in-ring test every `step` metres. */
function sampled(route: Route, cameras: readonly Camera[], step = 1) {
	const inRing = ([x, y]: number[], ring: number[][]) => {
		let inside = false;
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
		return inside;
	};
	const views = cameras.flatMap((camera) => {
		const polygons = fovPolygons(camera);
		return polygons ? [{ id: camera.id, rings: polygons.map((polygon) => polygon[0]) }] : [];
	});
	let lengthM = 0;
	let coveredM = 0;
	const seen = new Set<number>();
	for (let i = 1; i < route.length; i++) {
		const [a, b] = [route[i - 1], route[i]];
		const metres = groundMetres(a, b);
		lengthM += metres;
		const steps = Math.max(1, Math.ceil(metres / step));
		for (let s = 0; s < steps; s++) {
			const t = (s + 0.5) / steps;
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
	return { lengthM, coveredM, cameraIds: [...seen].sort((x, y) => x - y) };
}

// A small seeded generator (mulberry32), so every run draws the same routes.
let state = Number(values.seed) >>> 0;
function random(): number {
	state = (state + 0x6d2b79f5) >>> 0;
	let t = state;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

function drawRoute(): Route {
	const route: Route = [[20.4 + random() * 0.1, 44.78 + random() * 0.05]];
	const points = 2 + Math.floor(random() * 11);
	let heading = random() * 360;
	while (route.length < points) {
		heading += (random() - 0.5) * 120;
		route.push(offsetLngLat(route[route.length - 1], heading, 10 + random() * 240));
	}
	return route;
}

function drawCameras(route: Route, count: number, firstId: number): Camera[] {
	return Array.from({ length: count }, (_, i) => {
		// Near a random point of the route, so most cameras can see part of it.
		const leg = 1 + Math.floor(random() * (route.length - 1));
		const t = random();
		const [a, b] = [route[leg - 1], route[leg]];
		const [lng, lat] = offsetLngLat(
			[a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t],
			random() * 360,
			random() * 60
		);
		const type = pick(['fixed', 'fixed', 'dome', 'panning', null]);
		const directions = type === 'dome' ? 0 : pick([0, 1, 1, 1, 2]);
		return {
			id: firstId + i,
			lng,
			lat,
			camera_type: type,
			camera_direction: Array.from({ length: directions }, () => Math.floor(random() * 360)),
			surveillance_type: pick(['camera', 'camera', 'camera', 'ALPR', 'guard']),
			surveillance_zone: pick(['traffic', 'building', 'shop', 'town', 'parking', null])
		};
	});
}

const routeCount = Number(values.routes);
const cameraCount = Number(values.cameras);
const cases = Array.from({ length: routeCount }, (_, i) => {
	const route = drawRoute();
	return { route, cameras: drawCameras(route, cameraCount, i * cameraCount) };
});

const split = cases.map(({ route, cameras }) => estimateExposure(route, cameras));
const metre = cases.map(({ route, cameras }) => sampled(route, cameras));
let maxApart = 0;
let sameCameras = 0;
for (let i = 0; i < cases.length; i++) {
	maxApart = Math.max(maxApart, Math.abs(split[i].coveredM - metre[i].coveredM));
	if (split[i].cameraIds.join() === metre[i].cameraIds.join()) sameCameras++;
}
const referenceCount = Math.min(30, cases.length);
let splitError = 0;
let metreError = 0;
for (let i = 0; i < referenceCount; i++) {
	const reference = sampled(cases[i].route, cases[i].cameras, 0.01).coveredM;
	splitError = Math.max(splitError, Math.abs(split[i].coveredM - reference));
	metreError = Math.max(metreError, Math.abs(metre[i].coveredM - reference));
}

/** Milliseconds for one pass over every route. */
function time(run: (route: Route, cameras: Camera[]) => unknown): number {
	const start = performance.now();
	for (const { route, cameras } of cases) run(route, cameras);
	return performance.now() - start;
}
const times = { split: [] as number[], metre: [] as number[] };
time(estimateExposure);
time(sampled);
for (let round = 0; round < Number(values.rounds); round++) {
	times.split.push(time(estimateExposure));
	times.metre.push(time(sampled));
}
const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];
const perRoute = (list: number[]) => (median(list) / cases.length).toFixed(3);
const legs = cases.reduce((sum, { route }) => sum + route.length - 1, 0);
const length = split.reduce((sum, exposure) => sum + exposure.lengthM, 0);
const watched = split.reduce((sum, exposure) => sum + exposure.coveredM, 0);

console.log(
	`${routeCount} routes (${legs} legs, ${(length / 1000).toFixed(1)} km, ${((watched / length) * 100).toFixed(0)} % watched) × ${cameraCount} cameras, ${values.rounds} rounds; load average ${os
		.loadavg()
		.map((value) => value.toFixed(1))
		.join(' / ')} on ${os.cpus().length} cores, Node ${process.version}\n`
);
console.log('| method | ms per route (median round) | largest error against 1 cm sampling (first 30 routes) |');
console.log('| --- | --- | --- |');
console.log(`| sampling every metre (before) | ${perRoute(times.metre)} | ${metreError.toFixed(2)} m |`);
console.log(`| cut at the view edges (now) | ${perRoute(times.split)} | ${splitError.toFixed(3)} m |`);
console.log(
	`\nThe cut is ${(median(times.metre) / median(times.split)).toFixed(1)}× as fast; the two differ by at most ${maxApart.toFixed(2)} m of watched route; the same cameras on ${sameCameras} of ${routeCount} routes.`
);
