/**
 * The map's opt-in leads layer: cameras found in OpenStreetMap that no moderator has checked yet
 * (`GET /api/v1/leads.geojson?bbox=…`), drawn as hollow rings in a colour no camera kind uses, so
 * they read as "not yet one of ours" by shape as well as by colour.
 */
import type { LayerSpecification } from 'maplibre-gl';
import { MAX_BBOX_DEGREES, type BBox } from '#lib/schemas/bbox.js';
import type { Theme } from './style';

export const LEADS_SOURCE = 'nadzor-leads';
export const LEADS_LAYER = 'nadzor-leads-points';

export const leadColours: Record<Theme, { ring: string }> = {
	light: { ring: '#8e24aa' },
	dark: { ring: '#e1a3f0' }
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * The box the endpoint is asked for: the view, cut to the largest box it serves around the
 * view's centre (a view zoomed far out shows the leads near its middle), inside the world.
 */
export function leadsBox([west, south, east, north]: BBox): BBox {
	const half = MAX_BBOX_DEGREES / 2 - 1e-5;
	const lon = (west + east) / 2;
	const lat = (south + north) / 2;
	const box: BBox = [
		clamp(Math.max(west, lon - half), -180, 180),
		clamp(Math.max(south, lat - half), -90, 90),
		clamp(Math.min(east, lon + half), -180, 180),
		clamp(Math.min(north, lat + half), -90, 90)
	];
	return box.map(round) as BBox;
}

export function leadsUrl(origin: string, view: BBox): string {
	return `${origin}/api/v1/leads.geojson?bbox=${leadsBox(view).join(',')}`;
}

export function leadLayers(theme: Theme): LayerSpecification[] {
	const colours = leadColours[theme];
	return [
		{
			id: LEADS_LAYER,
			type: 'circle',
			source: LEADS_SOURCE,
			paint: {
				'circle-color': colours.ring,
				'circle-opacity': 0,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 7],
				'circle-stroke-color': colours.ring,
				'circle-stroke-width': 2.5
			}
		}
	];
}
