/**
 * The built-in basemap and the colours of every map layer, in a light and a dark palette.
 *
 * The basemap is land from Natural Earth and the imported areas, served by the app itself, so
 * the default map makes no request to any other host. No text labels (they would need glyph
 * files). An operator can replace it with BASEMAP_STYLE_URL; the camera layers keep their
 * palette either way.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { SurveillanceType } from '#lib/camera-tags.js';

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
		fov: '#b3261e'
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
		fov: '#ff8a7e'
	}
};

/** The built-in basemap's layers; `areas: false` leaves the area outlines to the area tiles. */
function basemapLayers(palette: Palette, areas: boolean): LayerSpecification[] {
	const layers: LayerSpecification[] = [
		{ id: 'water', type: 'background', paint: { 'background-color': palette.water } },
		{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': palette.land } }
	];
	if (!areas) return layers;
	return [
		...layers,
		{ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': palette.area, 'fill-opacity': 0.04 } },
		{
			id: 'areas-outline',
			type: 'line',
			source: 'areas',
			paint: { 'line-color': palette.area, 'line-width': 1.5, 'line-dasharray': [3, 2] }
		}
	];
}

export function builtInStyle(
	origin: string,
	theme: Theme = 'light',
	options: { areas?: boolean } = {}
): StyleSpecification {
	const areas = options.areas ?? true;
	return {
		version: 8,
		sources: {
			land: { type: 'geojson', data: `${origin}/basemap/land.geojson`, attribution: 'Natural Earth' },
			...(areas ? { areas: { type: 'geojson' as const, data: `${origin}/api/v1/areas.geojson` } } : {})
		},
		layers: basemapLayers(palettes[theme], areas)
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
	return basemapLayers(palettes[theme], true);
}
