/**
 * The streets around a place for a server-drawn map: road lines and street names read from the
 * basemap tiles under the view, as SVG path data, x east and y south of the place. The camera
 * page's drawing (CameraSurroundings.svelte) counts in ground metres from the camera, as the
 * cameras themselves (the cameras repository's `surroundings`); a map's first view
 * (first-view.ts) counts in the map's pixels (`unit`: metres per pixel). Names are in the
 * reader's script (the `latin` tiles for sr-Latn and en), each placed once along the longest
 * stretch of its street inside the view.
 */
import { gunzipSync } from 'node:zlib';
import { streetScript } from '../../components/map/style';
import { mercatorScale, mercatorToTile, tileToMercator, toMercator } from '../../geo/earth';
import type { Locale } from '../../i18n';
import { lineFeatures, type LineFeature } from './mvt';
import type { BasemapServer } from './server';

export type RoadKind = 'major' | 'minor' | 'service' | 'path' | 'rail';

export type GroundKind = 'water' | 'park' | 'wood' | 'building';

export interface StreetDrawing {
	/** Filled shapes under the roads (only when asked for), bottom to top. */
	grounds?: { kind: GroundKind; d: string }[];
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
/** Road lines are kept this far past the view, in units (their ends and widths reach in). */
const ROAD_MARGIN = 20;
/** Names keep this far inside the view's edge. */
const NAME_INSET = 6;
/** The names' font size in metres on the camera page (CameraSurroundings.svelte); a glyph's average width is 0.55 of it. */
export const NAME_SIZE = 7;
const GLYPH_WIDTH = 0.55;
/** The top zoom used: its tiles are exact to well under a metre. */
const MAX_ZOOM = 16;

/** How a drawing counts and labels; the defaults are the camera page's. */
export interface DrawingOptions {
	/** Ground metres per unit of the drawing (1: metres; a map's metres per pixel: pixels). */
	unit?: number;
	/** The names' font size, in units. */
	nameSize?: number;
	/** At most this many names. */
	maxNames?: number;
	/** The least distance between the middles of two names, in units. */
	nameSpacing?: number;
	/** The zoom of the tiles read (default: the archive's top zoom, at most 16). */
	tileZoom?: number;
	/** Also the water, parks, woods and (unless `buildings` is false) buildings under the roads. */
	grounds?: boolean;
	buildings?: boolean;
	/** Decimals of the coordinates (default 1); whole units are written relative to the previous point. */
	precision?: 0 | 1;
}

/** Ground layers drawn (OpenMapTiles layer and classes), as the map's style fills them (style.ts). */
const GROUNDS: { kind: GroundKind; layer: string; classes?: string[] }[] = [
	{ kind: 'wood', layer: 'landcover', classes: ['wood', 'forest', 'grass', 'wetland'] },
	{ kind: 'park', layer: 'park' },
	{ kind: 'park', layer: 'landuse', classes: ['cemetery', 'pitch', 'stadium', 'park', 'playground'] },
	{ kind: 'water', layer: 'water' },
	{ kind: 'building', layer: 'building' }
];

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

/** Whether a ring's bounding box meets `box`. */
function overlaps(ring: Point[], box: Box): boolean {
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of ring) {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	}
	return x1 >= box[0] && x0 <= box[2] && y1 >= box[1] && y0 <= box[3];
}

const length = (line: Point[]) =>
	line.reduce(
		(sum, point, i) => (i === 0 ? 0 : sum + Math.hypot(point[0] - line[i - 1][0], point[1] - line[i - 1][1])),
		0
	);

/** Names keep off the camera's own dot where they fit elsewhere: a run is cut where it passes this close. */
const CAMERA_CLEARANCE = 14;

/** The pieces of `run` (units from the centre) that keep clear of the centre. */
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
const absolute = (line: Point[]) =>
	line.map((point, i) => `${i === 0 ? 'M' : 'L'}${number(point[0])} ${number(point[1])}`).join('');
/** Whole units, each point after the first relative to the one before (a map's pixels: half the bytes). */
function relative(line: Point[]): string {
	let [x, y] = [Math.round(line[0][0]), Math.round(line[0][1])];
	let d = `M${x} ${y}l`;
	let first = true;
	for (let i = 1; i < line.length; i++) {
		const [nx, ny] = [Math.round(line[i][0]), Math.round(line[i][1])];
		if (nx === x && ny === y && (i < line.length - 1 || !first)) continue;
		d += `${first ? '' : ' '}${nx - x} ${ny - y}`;
		first = false;
		[x, y] = [nx, ny];
	}
	return d;
}

function nameOf(feature: LineFeature, locale: Locale): string {
	const { name, 'name:latin': latin } = feature.properties;
	const found = locale === 'sr-Cyrl' ? (name ?? latin) : (latin ?? name);
	return typeof found === 'string' ? found.trim() : '';
}

/**
 * The streets within `view` (half width and half height in units) around `centre`; null when
 * the server has no basemap or no tile there.
 */
export async function streetsAround(
	server: BasemapServer,
	centre: { lat: number; lng: number },
	view: { halfWidth: number; halfHeight: number },
	locale: Locale,
	options: DrawingOptions = {}
): Promise<StreetDrawing | null> {
	const info = server.info;
	if (!info) return null;
	const { unit = 1, nameSize = NAME_SIZE, maxNames = 12, nameSpacing = 18 } = options;
	const pathData = options.precision === 0 ? relative : absolute;
	const z = Math.max(0, Math.min(info.maxzoom, options.tileZoom ?? MAX_ZOOM));
	const n = 2 ** z;
	// Units per Web Mercator metre at the centre's latitude, and the centre in Mercator.
	const k = mercatorScale(centre.lat) / unit;
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

	const viewBox: Box = [-view.halfWidth, -view.halfHeight, view.halfWidth, view.halfHeight];
	const grounds = new Map<GroundKind, string[]>();
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
			if (options.grounds) {
				for (const { kind, layer, classes } of GROUNDS) {
					if (kind === 'building' && options.buildings === false) continue;
					const shapes = lineFeatures(plain, layer, 3);
					const toUnits = project(shapes.extent);
					for (const feature of shapes.features) {
						if (classes && !classes.includes(String(feature.properties.class))) continue;
						const rings = feature.lines.map((ring) => ring.map(toUnits)).filter((ring) => overlaps(ring, viewBox));
						if (rings.length === 0) continue;
						const list = grounds.get(kind) ?? [];
						for (const ring of rings) list.push(`${pathData(ring)}Z`);
						grounds.set(kind, list);
					}
				}
			}
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
	const fits = (text: string, run: Point[] | undefined) =>
		!!run && length(run) >= text.length * GLYPH_WIDTH * nameSize + 4;
	const placed: { text: string; d: string; middle: Point }[] = [];
	const candidates = [...names]
		.map(([text, runs]) => [text, fits(text, runs.clear) ? runs.clear! : runs.any] as const)
		.sort((a, b) => length(b[1]) - length(a[1]));
	for (const [text, run] of candidates) {
		if (placed.length >= maxNames) break;
		if (!fits(text, run)) continue;
		const line = run[0][0] <= run.at(-1)![0] ? run : [...run].reverse();
		const middle: Point = [(line[0][0] + line.at(-1)![0]) / 2, (line[0][1] + line.at(-1)![1]) / 2];
		if (placed.some((other) => Math.hypot(other.middle[0] - middle[0], other.middle[1] - middle[1]) < nameSpacing))
			continue;
		placed.push({ text, d: pathData(line), middle });
	}
	const groundOrder: GroundKind[] = ['wood', 'park', 'water', 'building'];
	return {
		...(options.grounds
			? {
					grounds: groundOrder
						.filter((kind) => grounds.has(kind))
						.map((kind) => ({ kind, d: grounds.get(kind)!.join('') }))
				}
			: {}),
		roads: ORDER.filter((kind) => roads.has(kind)).map((kind) => ({ kind, d: roads.get(kind)!.join('') })),
		names: placed.map(({ text, d }) => ({ text, d }))
	};
}
