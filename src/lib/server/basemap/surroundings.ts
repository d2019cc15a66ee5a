/**
 * The streets around a camera for the server-drawn map on its page (CameraSurroundings.svelte):
 * road lines and street names read from the basemap tiles under the view, in the same ground
 * metres from the camera as the cameras themselves (x east, y south; the cameras repository's
 * `surroundings`), as SVG path data. Names are in the reader's script (the `latin` tiles for
 * sr-Latn and en), each placed once along the longest stretch of its street inside the view.
 */
import { gunzipSync } from 'node:zlib';
import { streetScript } from '../../components/map/style';
import { mercatorScale, mercatorToTile, tileToMercator, toMercator } from '../../geo/earth';
import type { Locale } from '../../i18n';
import { lineFeatures, type LineFeature } from './mvt';
import type { BasemapServer } from './server';

export type RoadKind = 'major' | 'minor' | 'service' | 'path' | 'rail';

export interface StreetDrawing {
	/** Road lines by kind, bottom to top (paths and rails first, major roads last). */
	roads: { kind: RoadKind; d: string }[];
	/** Street names, each along a path that runs left to right. */
	names: { text: string; d: string }[];
}

const KINDS: Record<string, RoadKind> = {
	motorway: 'major',
	trunk: 'major',
	primary: 'major',
	secondary: 'major',
	tertiary: 'major',
	minor: 'minor',
	residential: 'minor',
	unclassified: 'minor',
	living_street: 'minor',
	busway: 'minor',
	service: 'service',
	path: 'path',
	track: 'path',
	pedestrian: 'path',
	rail: 'rail',
	transit: 'rail'
};
const ORDER: RoadKind[] = ['path', 'rail', 'service', 'minor', 'major'];
/** Road lines are kept this far past the view (their ends and widths reach in). */
const ROAD_MARGIN = 20;
/** Names keep this far inside the view's edge. */
const NAME_INSET = 6;
/** The names' font size in metres (CameraSurroundings.svelte) and a glyph's average width. */
export const NAME_SIZE = 7;
const GLYPH_WIDTH = 0.55 * NAME_SIZE;
const MAX_NAMES = 12;
/** The top zoom used: its tiles are exact to well under a metre. */
const MAX_ZOOM = 16;

type Point = [number, number];
type Box = [number, number, number, number];

/** The part of segment a–b inside `box` (Liang–Barsky), or null. */
function clipSegment(a: Point, b: Point, box: Box): [Point, Point] | null {
	let t0 = 0;
	let t1 = 1;
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const edges: [number, number][] = [
		[-dx, a[0] - box[0]],
		[dx, box[2] - a[0]],
		[-dy, a[1] - box[1]],
		[dy, box[3] - a[1]]
	];
	for (const [p, q] of edges) {
		if (p === 0) {
			if (q < 0) return null;
			continue;
		}
		const t = q / p;
		if (p < 0) t0 = Math.max(t0, t);
		else t1 = Math.min(t1, t);
		if (t0 > t1) return null;
	}
	return [
		[a[0] + t0 * dx, a[1] + t0 * dy],
		[a[0] + t1 * dx, a[1] + t1 * dy]
	];
}

/** The runs of `line` inside `box`. */
export function clipLine(line: Point[], box: Box): Point[][] {
	const runs: Point[][] = [];
	let run: Point[] | null = null;
	for (let i = 1; i < line.length; i++) {
		const clipped = clipSegment(line[i - 1], line[i], box);
		if (!clipped) {
			run = null;
			continue;
		}
		const [start, end] = clipped;
		const last = run?.at(-1);
		if (!run || !last || last[0] !== start[0] || last[1] !== start[1]) {
			run = [start];
			runs.push(run);
		}
		run.push(end);
		// The segment left the box: the next piece inside is another run.
		if (end[0] !== line[i][0] || end[1] !== line[i][1]) run = null;
	}
	return runs;
}

const length = (line: Point[]) =>
	line.reduce(
		(sum, point, i) => (i === 0 ? 0 : sum + Math.hypot(point[0] - line[i - 1][0], point[1] - line[i - 1][1])),
		0
	);

/** Names keep off the camera's own dot where they fit elsewhere: a run is cut where it passes this close. */
const CAMERA_CLEARANCE = 14;

/** The pieces of `run` (metres from the camera) that keep clear of the camera. */
function awayFromCamera(run: Point[]): Point[][] {
	const pieces: Point[][] = [];
	let piece: Point[] = [];
	const close = (point: Point) => Math.hypot(point[0], point[1]) < CAMERA_CLEARANCE;
	for (let i = 0; i < run.length; i++) {
		// Sample long segments so a straight street passing the camera is cut too.
		const previous = i > 0 ? run[i - 1] : run[0];
		const steps = Math.max(1, Math.ceil(Math.hypot(run[i][0] - previous[0], run[i][1] - previous[1]) / 4));
		for (let step = i === 0 ? steps : 1; step <= steps; step++) {
			const t = step / steps;
			const point: Point = [previous[0] + (run[i][0] - previous[0]) * t, previous[1] + (run[i][1] - previous[1]) * t];
			if (close(point)) {
				if (piece.length > 1) pieces.push(piece);
				piece = [];
			} else if (step === steps || piece.length === 0) piece.push(point);
		}
	}
	if (piece.length > 1) pieces.push(piece);
	return pieces;
}

const number = (value: number) => String(Math.round(value * 10) / 10);
const pathData = (line: Point[]) =>
	line.map((point, i) => `${i === 0 ? 'M' : 'L'}${number(point[0])} ${number(point[1])}`).join('');

function nameOf(feature: LineFeature, locale: Locale): string {
	const { name, 'name:latin': latin } = feature.properties;
	const found = locale === 'sr-Cyrl' ? (name ?? latin) : (latin ?? name);
	return typeof found === 'string' ? found.trim() : '';
}

/**
 * The streets within `view` (half width and half height in metres) around `centre`; null when
 * the server has no basemap or no tile there.
 */
export async function streetsAround(
	server: BasemapServer,
	centre: { lat: number; lng: number },
	view: { halfWidth: number; halfHeight: number },
	locale: Locale
): Promise<StreetDrawing | null> {
	const info = server.info;
	if (!info) return null;
	const z = Math.min(info.maxzoom, MAX_ZOOM);
	const n = 2 ** z;
	// Ground metres per Web Mercator unit at the camera's latitude, and the camera in Mercator.
	const k = mercatorScale(centre.lat);
	const [cx, cy] = toMercator(centre.lng, centre.lat);
	const roadBox: Box = [
		-view.halfWidth - ROAD_MARGIN,
		-view.halfHeight - ROAD_MARGIN,
		view.halfWidth + ROAD_MARGIN,
		view.halfHeight + ROAD_MARGIN
	];
	const nameBox: Box = [
		-view.halfWidth + NAME_INSET,
		-view.halfHeight + NAME_INSET,
		view.halfWidth - NAME_INSET,
		view.halfHeight - NAME_INSET
	];
	// Metres from the camera → tile column/row at zoom z.
	const column = (x: number) => Math.floor(mercatorToTile(cx + x / k, 0, z)[0]);
	const row = (y: number) => Math.floor(mercatorToTile(0, cy - y / k, z)[1]);
	const x0 = Math.max(0, column(roadBox[0]));
	const x1 = Math.min(n - 1, column(roadBox[2]));
	const y0 = Math.max(0, row(roadBox[1]));
	const y1 = Math.min(n - 1, row(roadBox[3]));

	const roads = new Map<RoadKind, string[]>();
	/** Per name, the longest stretch clear of the camera and the longest stretch at all. */
	const names = new Map<string, { clear?: Point[]; any: Point[] }>();
	let found = false;
	for (let tx = x0; tx <= x1; tx++) {
		for (let ty = y0; ty <= y1; ty++) {
			const tile = await server.tile(streetScript(locale), z, tx, ty);
			if (!tile.gz) continue;
			found = true;
			const plain = gunzipSync(tile.gz);
			const project =
				(extent: number) =>
				(point: Point): Point => {
					const [mx, my] = tileToMercator(tx + point[0] / extent, ty + point[1] / extent, z);
					return [(mx - cx) * k, (cy - my) * k];
				};
			const transportation = lineFeatures(plain, 'transportation');
			const toMetres = project(transportation.extent);
			for (const feature of transportation.features) {
				const kind = KINDS[String(feature.properties.class)];
				if (!kind || feature.properties.brunnel === 'tunnel') continue;
				for (const line of feature.lines) {
					for (const run of clipLine(line.map(toMetres), roadBox)) {
						const list = roads.get(kind) ?? [];
						list.push(pathData(run));
						roads.set(kind, list);
					}
				}
			}
			const named = lineFeatures(plain, 'transportation_name');
			const nameToMetres = project(named.extent);
			for (const feature of named.features) {
				const text = nameOf(feature, locale);
				if (!text) continue;
				for (const line of feature.lines) {
					for (const run of clipLine(line.map(nameToMetres), nameBox)) {
						const best = names.get(text) ?? { any: run };
						if (length(run) > length(best.any)) best.any = run;
						for (const piece of awayFromCamera(run)) {
							if (!best.clear || length(piece) > length(best.clear)) best.clear = piece;
						}
						names.set(text, best);
					}
				}
			}
		}
	}
	if (!found) return null;

	// The longest stretches first; a name goes where it fits, clear of the camera if it can (the
	// camera's own street is named over it otherwise), away from the names already placed.
	const fits = (text: string, run: Point[] | undefined) => !!run && length(run) >= text.length * GLYPH_WIDTH + 4;
	const placed: { text: string; d: string; middle: Point }[] = [];
	const candidates = [...names]
		.map(([text, runs]) => [text, fits(text, runs.clear) ? runs.clear! : runs.any] as const)
		.sort((a, b) => length(b[1]) - length(a[1]));
	for (const [text, run] of candidates) {
		if (placed.length >= MAX_NAMES) break;
		if (!fits(text, run)) continue;
		const line = run[0][0] <= run.at(-1)![0] ? run : [...run].reverse();
		const middle: Point = [(line[0][0] + line.at(-1)![0]) / 2, (line[0][1] + line.at(-1)![1]) / 2];
		if (placed.some((other) => Math.hypot(other.middle[0] - middle[0], other.middle[1] - middle[1]) < 18)) continue;
		placed.push({ text, d: pathData(line), middle });
	}
	return {
		roads: ORDER.filter((kind) => roads.has(kind)).map((kind) => ({ kind, d: roads.get(kind)!.join('') })),
		names: placed.map(({ text, d }) => ({ text, d }))
	};
}
