/**
 * How the public map draws the cameras, kept in the page's address next to the filters
 * (src/lib/geo/map-filters.ts) so a shared link opens the same picture:
 *
 *   density=hexagons   cameras counted per hexagon (the `density` tile layer)
 *   density=heatmap    a heatmap of the camera and cluster tiles, weighted by count
 *   official=<slug>    the points of an imported official list, matched or not
 *   leads=1            OpenStreetMap cameras no moderator has checked yet (opt-in)
 *
 * Lenient like the filters: an unknown value is dropped, never an error.
 */
import { MERCATOR_HALF, mercatorScale } from './earth';

export const densityModes = ['off', 'hexagons', 'heatmap'] as const;
export type DensityMode = (typeof densityModes)[number];

export interface MapDisplay {
	density: DensityMode;
	/** The official list drawn on the map, by slug; null: none. */
	official: string | null;
	/** Whether the open leads from OpenStreetMap are drawn (off unless asked for). */
	leads: boolean;
}

export const DISPLAY_PARAMS = ['density', 'official', 'leads'] as const;

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function parseMapDisplay(params: URLSearchParams): MapDisplay {
	const density = params.get('density');
	const official = params.get('official');
	return {
		density: (densityModes as readonly string[]).includes(density ?? '') ? (density as DensityMode) : 'off',
		official: official && SLUG.test(official) ? official : null,
		leads: params.get('leads') === '1'
	};
}

/** `url`'s path, query and hash with the display parameters replaced by `display`. */
export function withMapDisplay(url: URL, display: MapDisplay): string {
	const params = new URLSearchParams(url.search);
	for (const name of DISPLAY_PARAMS) params.delete(name);
	if (display.density !== 'off') params.set('density', display.density);
	if (display.official && SLUG.test(display.official)) params.set('official', display.official);
	if (display.leads) params.set('leads', '1');
	const query = params.toString().replaceAll('%2C', ',');
	return `${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

/**
 * Colour steps of the hexagon layer: cameras per hexagon from each value on. Fixed steps (not
 * rescaled per view), so one colour means the same count wherever the map is; a hexagon is
 * twice as wide one zoom level out, which the legend says next to the steps.
 */
export const DENSITY_STEPS = [1, 3, 10, 30, 100, 300, 1000] as const;

/** Mirrors the server's HEXAGONS_PER_TILE (src/lib/server/tiles/layers.ts). */
const HEXAGONS_PER_TILE = 24;

/**
 * About how wide a hexagon is on the ground (flat side to flat side, metres) at a map zoom and
 * latitude: MapLibre loads the tiles of zoom floor(zoom) (512 px vector tiles), at most 16.
 */
export function hexagonWidthMetres(zoom: number, lat: number): number {
	const tileZoom = Math.min(16, Math.max(0, Math.floor(zoom)));
	const size = (2 * MERCATOR_HALF) / 2 ** tileZoom / HEXAGONS_PER_TILE;
	return Math.sqrt(3) * size * mercatorScale(lat);
}
