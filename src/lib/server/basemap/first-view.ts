/**
 * A map's first view, drawn by the server: the streets (roads, their names, water, parks and
 * buildings from the app's basemap tiles) and the cameras of the view as one SVG image, in the
 * map's own pixels, colours and camera symbols (style.ts, camera-layers.ts) around its centre.
 * The map page and the report page's picker show it at once (FirstView.svelte), with no map
 * library; MapLibre starts when the person reaches for the map and replaces it at the same
 * centre and zoom (Map.svelte, LocationPicker.svelte). Drawing the vector basemap in WebGL on a
 * phone's CPU blocks the page for seconds, which a look at the map does not need
 * (bench/RESULTS.md, "Lighthouse"). An image of its own (/maps/first-view.svg) rather than markup
 * in the page: the page stays small and the picture is cached apart from it.
 */
import { palettes, type Palette, type Theme } from '../../components/map/style';
import { fromMercator, MERCATOR_HALF, mercatorScale, toMercator } from '../../geo/earth';
import { fovPolygons, type FovCamera } from '../../geo/fov';
import type { Locale } from '../../i18n';
import type { BasemapServer } from './server';
import { streetsAround, type StreetDrawing } from './surroundings';

export interface MapView {
	lat: number;
	lng: number;
	zoom: number;
}

/**
 * The boxes drawn, in CSS pixels around the centre: the map page's fills a desktop's map (a
 * smaller screen shows its middle) and a phone's (up to 30rem wide: a smaller picture, less for
 * its CPU to paint), the report picker's its frame.
 */
export const FIRST_VIEW_SIZES = {
	map: { width: 1920, height: 1200 },
	phone: { width: 480, height: 1000 },
	picker: { width: 800, height: 360 }
} as const;
export type FirstViewSize = keyof typeof FIRST_VIEW_SIZES;
const FIRST_VIEW_SIZE = FIRST_VIEW_SIZES.map;

/** MapLibre's tiles are 512 pixels: the world is 512 × 2^zoom pixels wide. */
const TILE_PIXELS = 512;

const mercatorPerPixel = (zoom: number) => (2 * MERCATOR_HALF) / (TILE_PIXELS * 2 ** zoom);

/** A camera in the picture: pixels east and south of the centre, and what its symbol shows. */
export interface FirstViewCamera {
	x: number;
	y: number;
	kind: string;
	confidence: string;
	/** Its assumed field of view as SVG path data (null: it does not look, or too far out to draw). */
	fov: string | null;
}

/** The map draws the fields of view from this zoom (the `fov` tile layer). */
const FOV_ZOOM = 15;

/** What a page needs to show a first view: where, the box (and a phone's), and whether the cameras are drawn. */
export interface FirstViewImage {
	view: MapView;
	size: FirstViewSize;
	phone?: FirstViewSize;
	cameras: boolean;
}

/** The first view of `view` for a page (the image itself is drawn when the browser asks for it). */
export function firstViewImage(
	view: MapView,
	size: FirstViewSize,
	cameras: boolean,
	phone?: FirstViewSize
): FirstViewImage {
	return { view, size, cameras, ...(phone ? { phone } : {}) };
}

export interface FirstView {
	view: MapView;
	width: number;
	height: number;
	/** The streets (null: no basemap there; the picture is land, as the land-only map). */
	streets: StreetDrawing | null;
	/** The street names' size in pixels, as the map's at this zoom. */
	nameSize: number;
	cameras: FirstViewCamera[];
}

/** Pixels east and south of the view's centre of a place. */
export function pixelOf(view: MapView, lng: number, lat: number): [x: number, y: number] {
	const [cx, cy] = toMercator(view.lng, view.lat);
	const [x, y] = toMercator(lng, lat);
	const m = mercatorPerPixel(view.zoom);
	return [(x - cx) / m, (cy - y) / m];
}

/** The picture's box in longitude and latitude: west, south, east, north. */
export function boxOf(view: MapView, size: { width: number; height: number } = FIRST_VIEW_SIZE): number[] {
	const [cx, cy] = toMercator(view.lng, view.lat);
	const m = mercatorPerPixel(view.zoom);
	const [west, south] = fromMercator(cx - (size.width / 2) * m, cy - (size.height / 2) * m);
	const [east, north] = fromMercator(cx + (size.width / 2) * m, cy + (size.height / 2) * m);
	return [west, south, east, north];
}

/** The map's street-name size at `zoom` (style.ts: 10 px at z13 to 13 px at z17). */
const nameSizeAt = (zoom: number) => Math.round((10 + (Math.min(17, Math.max(13, zoom)) - 13) * 0.75) * 10) / 10;

/** Drawings already made, per archive version, script, view and size: a view's streets do not change. */
const drawn = new Map<string, Promise<StreetDrawing | null>>();
const KEPT = 32;

/** The streets of a view, drawn once per archive version, script and view. */
export function streetsInView(
	server: BasemapServer,
	view: MapView,
	locale: Locale,
	size: { width: number; height: number } = FIRST_VIEW_SIZE
): Promise<StreetDrawing | null> {
	const info = server.info;
	if (!info) return Promise.resolve(null);
	const key = [info.version, locale, view.zoom, view.lat, view.lng, size.width, size.height].join('|');
	let drawing = drawn.get(key);
	if (!drawing) {
		const nameSize = nameSizeAt(view.zoom);
		drawing = streetsAround(server, view, { halfWidth: size.width / 2, halfHeight: size.height / 2 }, locale, {
			unit: mercatorPerPixel(view.zoom) * mercatorScale(view.lat),
			nameSize,
			maxNames: 80,
			nameSpacing: 6 * nameSize,
			tileZoom: Math.floor(view.zoom),
			grounds: true,
			// The map fades its buildings in from zoom 14 to 15 (style.ts).
			buildings: view.zoom >= 14.5,
			precision: 0
		});
		// A failed read is not kept: the next page asks again.
		drawing.catch(() => drawn.delete(key));
		drawn.set(key, drawing);
		if (drawn.size > KEPT) drawn.delete(drawn.keys().next().value!);
	}
	return drawing;
}

/** The first view of `view`: its streets and these cameras (the public, rounded places of those in the box). */
export async function firstView(
	server: BasemapServer,
	view: MapView,
	locale: Locale,
	cameras: (Omit<FovCamera, 'surveillance_type'> & { surveillance_type: string | null; confidence: string | null })[],
	size: { width: number; height: number } = FIRST_VIEW_SIZE
): Promise<FirstView> {
	return {
		view,
		...size,
		streets: await streetsInView(server, view, locale, size),
		nameSize: nameSizeAt(view.zoom),
		cameras: cameras.map((camera) => {
			const [x, y] = pixelOf(view, camera.lng, camera.lat);
			const kind = camera.surveillance_type ?? 'camera';
			const polygons = view.zoom >= FOV_ZOOM ? fovPolygons({ ...camera, surveillance_type: kind }) : null;
			const ring = (points: [number, number][]) =>
				points
					.map(([lng, lat], i) => {
						const [px, py] = pixelOf(view, lng, lat);
						return `${i === 0 ? 'M' : 'L'}${Math.round(px)} ${Math.round(py)}`;
					})
					.join('') + 'Z';
			return {
				x: Math.round(x * 10) / 10,
				y: Math.round(y * 10) / 10,
				kind,
				confidence: camera.confidence ?? '',
				fov: polygons ? polygons.map((polygon) => polygon.map(ring).join('')).join('') : null
			};
		})
	};
}

/** MapLibre's interpolation between zoom stops (`base` 1: linear, else exponential). */
function interpolate(base: number, stops: [number, number][], z: number): number {
	if (z <= stops[0][0]) return stops[0][1];
	for (let i = 1; i < stops.length; i++) {
		const [z0, v0] = stops[i - 1];
		const [z1, v1] = stops[i];
		if (z <= z1) {
			const t = base === 1 ? (z - z0) / (z1 - z0) : (base ** (z - z0) - 1) / (base ** (z1 - z0) - 1);
			return v0 + t * (v1 - v0);
		}
	}
	return stops.at(-1)![1];
}

const escape = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const n = (value: number) => String(Math.round(value * 100) / 100);

/** A camera's colours as the map draws it (camera-layers.ts). */
function symbol(palette: Palette, kind: string, confidence: string) {
	const colour = palette.kinds[kind as keyof Palette['kinds']] ?? palette.kinds.camera;
	if (confidence === 'reported') return { fill: palette.land, ring: colour, width: 2.5 };
	if (confidence === 'confirmed') return { fill: colour, ring: palette.strongRing, width: 2.5 };
	return { fill: colour, ring: palette.ring, width: 1.5 };
}

/** The picture as an SVG document in `theme`'s colours. */
export function firstViewSvg(drawing: FirstView, theme: Theme): string {
	const palette = palettes[theme];
	const c = palette.streets;
	const { width, height } = drawing;
	const zoom = drawing.view.zoom;
	// style.ts: roadWidth(7, 3.6, 1.6) for roads, roadWidth(9, 5, 2.6) for their casing.
	const scale = interpolate(
		1.6,
		[
			[12, 0.35],
			[15, 1],
			[18, 3.2]
		],
		zoom
	);
	const path = interpolate(
		1,
		[
			[14, 0.5],
			[18, 1.5]
		],
		zoom
	);
	const roads = {
		major: { colour: c.majorRoad, width: 7 * scale, casing: 9 * scale },
		minor: { colour: c.road, width: 3.6 * scale, casing: 5 * scale },
		service: { colour: c.road, width: 1.6 * scale, casing: 2.6 * scale },
		path: { colour: c.path, width: path, casing: 0 },
		rail: {
			colour: c.rail,
			width: interpolate(
				1,
				[
					[10, 0.5],
					[16, 1.5]
				],
				zoom
			),
			casing: 0
		}
	};
	const radius = interpolate(
		1,
		[
			[12, 4],
			[16, 6.5],
			[19, 10]
		],
		zoom
	);
	const grounds = { water: palette.water, park: c.park, wood: c.wood, building: c.building };
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-width / 2} ${-height / 2} ${width} ${height}">`,
		`<rect x="${-width / 2}" y="${-height / 2}" width="${width}" height="${height}" fill="${palette.land}"/>`
	];
	const streets = drawing.streets;
	if (streets) {
		// Buildings without the map's faint outline: thousands of strokes cost a phone's CPU more than they show.
		for (const ground of streets.grounds ?? []) {
			parts.push(`<path d="${ground.d}" fill="${grounds[ground.kind]}" fill-rule="evenodd"/>`);
		}
		parts.push('<defs>');
		for (const road of streets.roads) parts.push(`<path id="${road.kind}" d="${road.d}"/>`);
		streets.names.forEach((name, i) => parts.push(`<path id="n${i}" d="${name.d}"/>`));
		parts.push('</defs><g fill="none" stroke-linecap="round" stroke-linejoin="round">');
		for (const road of streets.roads) {
			const { casing } = roads[road.kind];
			if (casing && zoom >= 12)
				parts.push(`<use href="#${road.kind}" stroke="${c.casing}" stroke-width="${n(casing)}"/>`);
		}
		for (const road of streets.roads) {
			const { colour, width: w } = roads[road.kind];
			const dashes = road.kind === 'path' ? ` stroke-dasharray="${n(2 * w)} ${n(1.5 * w)}"` : '';
			parts.push(`<use href="#${road.kind}" stroke="${colour}" stroke-width="${n(w)}"${dashes}/>`);
		}
		parts.push(
			`</g><g font-family="system-ui,sans-serif" font-size="${drawing.nameSize}" fill="${c.text}" stroke="${c.halo}" stroke-width="3" stroke-linejoin="round" paint-order="stroke" dominant-baseline="central" text-anchor="middle">`
		);
		streets.names.forEach((name, i) =>
			parts.push(`<text><textPath href="#n${i}" startOffset="50%">${escape(name.text)}</textPath></text>`)
		);
		parts.push('</g>');
	}
	// Fields of view under the cameras (camera-layers.ts: fill 0.16, a reported camera's 0.08).
	for (const reported of [true, false]) {
		const shapes = drawing.cameras.filter((camera) => camera.fov && (camera.confidence === 'reported') === reported);
		if (shapes.length === 0) continue;
		parts.push(
			`<path d="${shapes.map((camera) => camera.fov).join('')}" fill="${palette.fov}" fill-opacity="${reported ? 0.08 : 0.16}" stroke="${palette.fov}" stroke-opacity="0.45" stroke-width="0.75"/>`
		);
	}
	const groups = new Map<string, string[]>();
	for (const camera of drawing.cameras) {
		const { fill, ring, width: w } = symbol(palette, camera.kind, camera.confidence);
		const key = `fill="${fill}" stroke="${ring}" stroke-width="${w}"`;
		const list = groups.get(key) ?? [];
		list.push(`<circle cx="${n(camera.x)}" cy="${n(camera.y)}" r="${n(radius)}"/>`);
		groups.set(key, list);
	}
	for (const [attributes, circles] of groups) parts.push(`<g ${attributes}>${circles.join('')}</g>`);
	parts.push('</svg>');
	return parts.join('');
}
