/**
 * The built-in basemap and the colours of every map layer, in a light and a dark palette.
 *
 * The basemap is served by the app itself, so the default map makes no request to any other
 * host: land from Natural Earth everywhere, the imported areas, and where the server has a street
 * archive (src/lib/server/basemap/, OpenMapTiles schema) the streets with their names, water,
 * parks, buildings and house numbers, in quiet colours so the cameras and their cones stay the
 * most visible thing on the map. Labels come in the reader's script: the `latin` tiles carry the
 * names transliterated, the `tiles` ones as in the data. Without an archive the map draws land
 * only. An operator can replace it all with BASEMAP_STYLE_URL; the camera layers keep their
 * palette either way.
 */
import type {
	ExpressionSpecification,
	LayerSpecification,
	LineLayerSpecification,
	SourceSpecification,
	StyleSpecification
} from 'maplibre-gl';
import type { SurveillanceType } from '#lib/camera-tags.js';
import type { Locale } from '#lib/i18n/index.js';

export type Theme = 'light' | 'dark';

export interface Palette {
	water: string;
	land: string;
	area: string;
	/** Fill colour by kind (`surveillance_type`). */
	kinds: Record<SurveillanceType, string>;
	/** Ring around a checked camera, set off against the land. */
	ring: string;
	/** Thick ring of a confirmed camera. */
	strongRing: string;
	removed: string;
	removedRing: string;
	cluster: string;
	fov: string;
	/** The street basemap's colours. */
	streets: {
		park: string;
		wood: string;
		landuse: string;
		building: string;
		buildingOutline: string;
		road: string;
		majorRoad: string;
		casing: string;
		path: string;
		rail: string;
		text: string;
		halo: string;
		waterText: string;
		placeText: string;
	};
}

export const palettes: Record<Theme, Palette> = {
	light: {
		water: '#c9dbe6',
		land: '#f3f0ea',
		area: '#7a5c99',
		kinds: { camera: '#b3261e', ALPR: '#1f5fa8', guard: '#2e7d32', gunshot_detector: '#8e3fa6' },
		ring: '#ffffff',
		strongRing: '#1d1b1a',
		removed: '#9a948f',
		removedRing: '#5c5753',
		cluster: '#b3261e',
		fov: '#b3261e',
		streets: {
			park: '#dfe8d2',
			wood: '#d5e2c8',
			landuse: '#ece8e1',
			building: '#e2dcd3',
			buildingOutline: '#d3ccc1',
			road: '#ffffff',
			majorRoad: '#fdf7ea',
			casing: '#d2cabe',
			path: '#b8afa3',
			rail: '#b5aea6',
			text: '#4f4a45',
			halo: '#ffffff',
			waterText: '#3d6680',
			placeText: '#2f2b28'
		}
	},
	dark: {
		water: '#16222b',
		land: '#2a2725',
		area: '#c6a8e6',
		kinds: { camera: '#ff6b5e', ALPR: '#6fa8ff', guard: '#6fcf73', gunshot_detector: '#d99cf0' },
		ring: '#181615',
		strongRing: '#f1ece8',
		removed: '#6d6864',
		removedRing: '#a39d98',
		cluster: '#ff6b5e',
		fov: '#ff8a7e',
		streets: {
			park: '#27302a',
			wood: '#253027',
			landuse: '#2d2a28',
			building: '#34302d',
			buildingOutline: '#3d3936',
			road: '#45413d',
			majorRoad: '#524d48',
			casing: '#1c1a19',
			path: '#57524d',
			rail: '#4d4844',
			text: '#c9c2bb',
			halo: '#1d1b1a',
			waterText: '#8fb3c9',
			placeText: '#e4ded8'
		}
	}
};

/** The credit every map showing the streets carries. */
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

/** A street archive the server has (src/lib/server/basemap/): its version is in every tile address. */
export interface Streets {
	version: string;
	maxzoom: number;
	bounds: number[];
}

/** Which tiles carry the reader's script: Cyrillic as in the data, or transliterated. */
export function streetScript(locale: Locale | undefined): 'tiles' | 'latin' {
	return locale === 'sr-Cyrl' ? 'tiles' : 'latin';
}

/** The street source: the app's own basemap tiles, over-zoomed by MapLibre past their maxzoom. */
export function streetSource(origin: string, streets: Streets, locale: Locale | undefined): SourceSpecification {
	return {
		type: 'vector',
		tiles: [`${origin}/basemap/${streetScript(locale)}/{z}/{x}/{y}.mvt?v=${streets.version}`],
		minzoom: 0,
		maxzoom: streets.maxzoom,
		bounds: streets.bounds as [number, number, number, number],
		attribution: OSM_ATTRIBUTION
	};
}

/**
 * The Natural Earth land under everything. It is credited only on a land-only map: where the
 * streets are drawn, the map's credit is OpenStreetMap's (the street source carries it).
 */
export function landSource(data: string, streets: Streets | null | undefined): SourceSpecification {
	return { type: 'geojson', data, ...(streets ? {} : { attribution: 'Natural Earth' }) };
}

/** The glyphs of the street labels, served by the app. */
export const glyphsUrl = (origin: string) => `${origin}/basemap/fonts/{fontstack}/{range}.pbf`;

/**
 * One font for every label: place and water names stand out by size and colour instead of a
 * Medium and an Italic face, which would each cost the first visit their own glyph ranges
 * (about 125 KB per font for Latin with diacritics; bench/RESULTS.md, "Street basemap").
 */
const REGULAR = ['Noto Sans Regular'];
/** Every font stack the labels use (as MapLibre asks for them: the `text-font` list joined by commas). */
export const STREET_FONTS: readonly string[] = [REGULAR].map((stack) => stack.join(','));

/**
 * A feature's name in the reader's script. The `latin` tiles have every Cyrillic string
 * transliterated; `name:latin` is the OpenMapTiles name in Latin (in the Belgrade archive it
 * holds the Cyrillic name, a quirk of the tool that made it), `name` the local name.
 */
function label(locale: Locale | undefined): ExpressionSpecification {
	return locale === 'sr-Cyrl'
		? ['coalesce', ['get', 'name'], ['get', 'name:latin'], ['get', 'name_int'], '']
		: ['coalesce', ['get', 'name:latin'], ['get', 'name'], ['get', 'name_int'], ''];
}

/** Road widths by class, growing with the zoom (at z12, z15 and z18). */
function roadWidth(major: number, minor: number, service: number): ExpressionSpecification {
	const width = (scale: number): ExpressionSpecification => [
		'match',
		['get', 'class'],
		['motorway', 'trunk', 'primary'],
		major * scale,
		['secondary', 'tertiary'],
		minor * 1.4 * scale,
		['minor', 'residential', 'unclassified', 'living_street', 'busway', 'raceway'],
		minor * scale,
		service * scale
	];
	return ['interpolate', ['exponential', 1.6], ['zoom'], 12, width(0.35), 15, width(1), 18, width(3.2)];
}

/** Features of the street archive whose `class` is one of `classes`. */
const classIn = (...classes: string[]): ExpressionSpecification => ['match', ['get', 'class'], classes, true, false];

const ROADS = classIn(
	'motorway',
	'trunk',
	'primary',
	'secondary',
	'tertiary',
	'minor',
	'residential',
	'unclassified',
	'living_street',
	'service',
	'busway'
);
const MAJOR = classIn('motorway', 'trunk', 'primary', 'secondary');
const PATHS = classIn('path', 'track', 'pedestrian');
const RAIL = classIn('rail', 'transit', 'tram');
const NOT_TUNNEL: ExpressionSpecification = ['!=', ['get', 'brunnel'], 'tunnel'];

/** An area of one colour from a layer of the street archive, of some `class`es only with `filter`. */
function fill(
	id: string,
	sourceLayer: string,
	color: string,
	{ filter, opacity }: { filter?: ExpressionSpecification; opacity?: ExpressionSpecification } = {}
): LayerSpecification {
	return {
		id,
		type: 'fill',
		source: 'streets',
		'source-layer': sourceLayer,
		...(filter && { filter }),
		paint: { 'fill-color': color, ...(opacity && { 'fill-opacity': opacity }) }
	};
}

/** Roads of `classes` outside tunnels, with round caps and joins (from `minzoom` when given). */
function road(
	id: string,
	classes: ExpressionSpecification,
	paint: LineLayerSpecification['paint'],
	minzoom?: number
): LayerSpecification {
	return {
		id,
		type: 'line',
		source: 'streets',
		'source-layer': 'transportation',
		...(minzoom !== undefined && { minzoom }),
		filter: ['all', classes, NOT_TUNNEL],
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint
	};
}

/** The street layers under the area outlines: ground, water, buildings, roads. */
function streetLayers(palette: Palette): LayerSpecification[] {
	const c = palette.streets;
	const source = 'streets';
	return [
		fill('streets-landuse', 'landuse', c.landuse, {
			filter: classIn('residential', 'commercial', 'retail', 'industrial'),
			opacity: ['interpolate', ['linear'], ['zoom'], 10, 0, 13, 0.8]
		}),
		fill('streets-wood', 'landcover', c.wood, { filter: classIn('wood', 'forest', 'grass', 'wetland') }),
		fill('streets-park', 'park', c.park),
		fill('streets-park-landuse', 'landuse', c.park, {
			filter: classIn('cemetery', 'pitch', 'stadium', 'park', 'playground')
		}),
		fill('streets-water', 'water', palette.water),
		{
			id: 'streets-waterway',
			type: 'line',
			source,
			'source-layer': 'waterway',
			paint: {
				'line-color': palette.water,
				'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 3]
			}
		},
		{
			id: 'streets-building',
			type: 'fill',
			source,
			'source-layer': 'building',
			minzoom: 14,
			paint: {
				'fill-color': c.building,
				'fill-outline-color': c.buildingOutline,
				'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 15, 1]
			}
		},
		{
			id: 'streets-path',
			type: 'line',
			source,
			'source-layer': 'transportation',
			minzoom: 14,
			filter: ['all', PATHS, NOT_TUNNEL],
			paint: {
				'line-color': c.path,
				'line-width': ['interpolate', ['linear'], ['zoom'], 14, 0.5, 18, 1.5],
				'line-dasharray': [2, 1.5]
			}
		},
		{
			id: 'streets-rail',
			type: 'line',
			source,
			'source-layer': 'transportation',
			filter: ['all', RAIL, NOT_TUNNEL],
			paint: { 'line-color': c.rail, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 1.5] }
		},
		road(
			'streets-road-casing',
			ROADS,
			{ 'line-color': c.casing, 'line-width': roadWidth(9, 5, 2.6), 'line-gap-width': 0 },
			12
		),
		road('streets-road', ROADS, { 'line-color': c.road, 'line-width': roadWidth(7, 3.6, 1.6) }),
		road('streets-road-major', MAJOR, { 'line-color': c.majorRoad, 'line-width': roadWidth(7, 3.6, 1.6) })
	];
}

/** Labels, drawn over the area outlines (and under the camera layers, which come later). */
function streetLabels(palette: Palette, locale: Locale | undefined): LayerSpecification[] {
	const c = palette.streets;
	const source = 'streets';
	const text = label(locale);
	return [
		{
			id: 'streets-housenumber',
			type: 'symbol',
			source,
			'source-layer': 'housenumber',
			minzoom: 17,
			layout: { 'text-field': ['to-string', ['get', 'housenumber']], 'text-font': REGULAR, 'text-size': 10 },
			paint: { 'text-color': c.path, 'text-halo-color': c.halo, 'text-halo-width': 1 }
		},
		{
			id: 'streets-water-name',
			type: 'symbol',
			source,
			'source-layer': 'water_name',
			layout: { 'text-field': text, 'text-font': REGULAR, 'text-size': 12 },
			paint: { 'text-color': c.waterText, 'text-halo-color': c.halo, 'text-halo-width': 1 }
		},
		{
			id: 'streets-waterway-name',
			type: 'symbol',
			source,
			'source-layer': 'waterway',
			minzoom: 12,
			layout: {
				'text-field': text,
				'text-font': REGULAR,
				'text-size': 12,
				'symbol-placement': 'line',
				'symbol-spacing': 400
			},
			paint: { 'text-color': c.waterText, 'text-halo-color': c.halo, 'text-halo-width': 1 }
		},
		{
			id: 'streets-road-name',
			type: 'symbol',
			source,
			'source-layer': 'transportation_name',
			minzoom: 13,
			layout: {
				'text-field': text,
				'text-font': REGULAR,
				'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13],
				'symbol-placement': 'line',
				'text-rotation-alignment': 'map',
				'text-pitch-alignment': 'viewport',
				'symbol-spacing': 300,
				'text-max-angle': 30
			},
			paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.5 }
		},
		{
			id: 'streets-place',
			type: 'symbol',
			source,
			'source-layer': 'place',
			filter: [
				'match',
				['get', 'class'],
				['city', 'town', 'village', 'suburb', 'quarter', 'neighbourhood'],
				true,
				false
			],
			layout: {
				'text-field': text,
				'text-font': REGULAR,
				'text-size': ['match', ['get', 'class'], 'city', 16, ['town', 'suburb'], 13, 11],
				'text-max-width': 8
			},
			paint: { 'text-color': c.placeText, 'text-halo-color': c.halo, 'text-halo-width': 1.5 }
		}
	];
}

export interface BasemapOptions {
	/** Whether the area outlines are drawn (false when an area tile layer does). */
	areas?: boolean;
	/** The server's street archive; null or unset: land only. */
	streets?: Streets | null;
	/** The reader's language, for the labels' script. */
	locale?: Locale;
}

/** The built-in basemap's layers, bottom to top. */
export function basemapLayers(palette: Palette, options: BasemapOptions = {}): LayerSpecification[] {
	const layers: LayerSpecification[] = [
		{ id: 'water', type: 'background', paint: { 'background-color': palette.water } },
		{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': palette.land } },
		...(options.streets ? streetLayers(palette) : [])
	];
	if (options.areas ?? true) {
		layers.push(
			{ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': palette.area, 'fill-opacity': 0.04 } },
			{
				id: 'areas-outline',
				type: 'line',
				source: 'areas',
				paint: { 'line-color': palette.area, 'line-width': 1.5, 'line-dasharray': [3, 2] }
			}
		);
	}
	if (options.streets) layers.push(...streetLabels(palette, options.locale));
	return layers;
}

export function builtInStyle(origin: string, theme: Theme = 'light', options: BasemapOptions = {}): StyleSpecification {
	const areas = options.areas ?? true;
	const streets = options.streets ?? null;
	return {
		version: 8,
		...(streets ? { glyphs: glyphsUrl(origin) } : {}),
		sources: {
			land: landSource(`${origin}/basemap/land.geojson`, streets),
			...(streets ? { streets: streetSource(origin, streets, options.locale) } : {}),
			...(areas ? { areas: { type: 'geojson' as const, data: `${origin}/api/v1/areas.geojson` } } : {})
		},
		layers: basemapLayers(palettes[theme], { ...options, areas })
	};
}

/**
 * Recolours layers already on the map for `theme` (a theme switch keeps the sources and the
 * view, which `setStyle` would reload). Layers the map does not have are skipped, so this also
 * works over an operator's basemap.
 */
export function repaint(
	map: { getLayer(id: string): unknown; setPaintProperty(id: string, name: string, value: unknown): unknown },
	layers: LayerSpecification[]
) {
	for (const layer of layers) {
		if (!('paint' in layer) || !layer.paint || !map.getLayer(layer.id)) continue;
		for (const [name, value] of Object.entries(layer.paint)) map.setPaintProperty(layer.id, name, value);
	}
}

export function basemapRepaint(theme: Theme): LayerSpecification[] {
	return basemapLayers(palettes[theme], { areas: true, streets: { version: '', maxzoom: 0, bounds: [] } });
}
