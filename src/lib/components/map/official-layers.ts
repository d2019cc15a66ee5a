/**
 * An official list's points on a map (the main map's optional layer and the list's own page):
 * rings in a colour no camera kind uses, filled for a point matched by a mapped camera and
 * hollow for one not yet found, so the two differ by more than colour.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Theme } from './style';

export const OFFICIAL_SOURCE = 'nadzor-official';
export const OFFICIAL_LAYER = 'nadzor-official-points';

export const officialColours: Record<Theme, { matched: string; unmatched: string; ring: string }> = {
	light: { matched: '#00695c', unmatched: '#ffffff', ring: '#00695c' },
	dark: { matched: '#4dd0b8', unmatched: '#181615', ring: '#4dd0b8' }
};

/** The points source: `GET /api/v1/official-lists/{slug}/points.geojson`. */
export function officialPointsUrl(origin: string, slug: string): string {
	return `${origin}/api/v1/official-lists/${encodeURIComponent(slug)}/points.geojson`;
}

export function officialLayers(theme: Theme): LayerSpecification[] {
	const colours = officialColours[theme];
	const matched: ExpressionSpecification = ['==', ['get', 'category'], 'both'];
	return [
		{
			id: OFFICIAL_LAYER,
			type: 'circle',
			source: OFFICIAL_SOURCE,
			paint: {
				'circle-color': ['case', matched, colours.matched, colours.unmatched],
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 7],
				'circle-stroke-color': colours.ring,
				'circle-stroke-width': 2.5
			}
		}
	];
}
