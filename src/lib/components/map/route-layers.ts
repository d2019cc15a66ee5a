/** The route being drawn (line and points) and its watched parts, over every other layer. */
import type { LayerSpecification } from 'maplibre-gl';
import type { Theme } from './style';

export const ROUTE_SOURCES = { route: 'nadzor-route', covered: 'nadzor-route-covered' } as const;
export const ROUTE_LAYERS = {
	line: 'nadzor-route-line',
	covered: 'nadzor-route-covered',
	points: 'nadzor-route-points'
} as const;

export const routeColours: Record<Theme, { route: string; covered: string; halo: string }> = {
	light: { route: '#1d1b1a', covered: '#d81b60', halo: '#ffffff' },
	dark: { route: '#f1ece8', covered: '#ff77a9', halo: '#181615' }
};

export function routeLayers(theme: Theme): LayerSpecification[] {
	const colours = routeColours[theme];
	return [
		{
			id: ROUTE_LAYERS.line,
			type: 'line',
			source: ROUTE_SOURCES.route,
			filter: ['==', ['geometry-type'], 'LineString'],
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: { 'line-color': colours.route, 'line-width': 4, 'line-dasharray': [2, 1] }
		},
		{
			id: ROUTE_LAYERS.covered,
			type: 'line',
			source: ROUTE_SOURCES.covered,
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: { 'line-color': colours.covered, 'line-width': 8, 'line-opacity': 0.85 }
		},
		{
			id: ROUTE_LAYERS.points,
			type: 'circle',
			source: ROUTE_SOURCES.route,
			filter: ['==', ['geometry-type'], 'Point'],
			paint: {
				'circle-color': colours.route,
				'circle-radius': 5,
				'circle-stroke-color': colours.halo,
				'circle-stroke-width': 2
			}
		}
	];
}
