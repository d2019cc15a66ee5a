/**
 * The density view's layers: hexagons from the `density` tile layer coloured in fixed steps
 * (DENSITY_STEPS), and a heatmap over the camera tiles (clusters weighted by their count). The
 * legend (DensityLegend.svelte) draws the same steps from the same colours.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { DENSITY_STEPS, type DensityMode } from '#lib/geo/map-display.js';
import { SOURCES } from './camera-layers';
import type { Theme } from './style';

export const DENSITY_SOURCE = 'nadzor-density';
export const DENSITY_LAYERS = {
	hexagons: 'nadzor-density-hexagons',
	hexagonOutline: 'nadzor-density-outline',
	heatClusters: 'nadzor-heat-clusters',
	heatCameras: 'nadzor-heat-cameras'
} as const;

/** One colour per step of DENSITY_STEPS, light to dark (sequential yellow–orange–red). */
export const densityColours: Record<Theme, readonly string[]> = {
	light: ['#ffe9a8', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026', '#800026'],
	dark: ['#5c4a1c', '#8a6a12', '#b8860b', '#e07b24', '#f0502c', '#ff6b6b', '#ffb3b3']
};

function stepColour(theme: Theme): ExpressionSpecification {
	const colours = densityColours[theme];
	const stops = DENSITY_STEPS.slice(1).flatMap((from, i) => [from, colours[i + 1]]);
	return ['step', ['to-number', ['get', 'count'], 0], colours[0], ...stops] as unknown as ExpressionSpecification;
}

const heatColours: ExpressionSpecification = [
	'interpolate',
	['linear'],
	['heatmap-density'],
	0,
	'rgba(255, 237, 160, 0)',
	0.2,
	'#fed976',
	0.4,
	'#feb24c',
	0.6,
	'#fd8d3c',
	0.8,
	'#f03b20',
	1,
	'#bd0026'
];

export function densityLayers(theme: Theme, mode: DensityMode): LayerSpecification[] {
	const show = (wanted: DensityMode) => ({ visibility: mode === wanted ? ('visible' as const) : ('none' as const) });
	return [
		{
			id: DENSITY_LAYERS.hexagons,
			type: 'fill',
			source: DENSITY_SOURCE,
			'source-layer': 'density',
			layout: show('hexagons'),
			paint: { 'fill-color': stepColour(theme), 'fill-opacity': 0.7 }
		},
		{
			id: DENSITY_LAYERS.hexagonOutline,
			type: 'line',
			source: DENSITY_SOURCE,
			'source-layer': 'density',
			layout: show('hexagons'),
			paint: { 'line-color': theme === 'dark' ? '#181615' : '#ffffff', 'line-width': 0.5, 'line-opacity': 0.6 }
		},
		{
			id: DENSITY_LAYERS.heatClusters,
			type: 'heatmap',
			source: SOURCES.cameras,
			'source-layer': 'clusters',
			layout: show('heatmap'),
			paint: {
				// A cluster counts like its cameras would, eased by a square root so one dense cell
				// does not drown the rest of the view.
				'heatmap-weight': ['sqrt', ['max', 1, ['to-number', ['get', 'count'], 1]]],
				'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 0, 0.3, 14, 1],
				'heatmap-radius': 28,
				'heatmap-color': heatColours,
				'heatmap-opacity': 0.8
			}
		},
		{
			id: DENSITY_LAYERS.heatCameras,
			type: 'heatmap',
			source: SOURCES.cameras,
			'source-layer': 'cameras',
			layout: show('heatmap'),
			paint: {
				'heatmap-weight': 1,
				'heatmap-intensity': 1,
				'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 15, 24, 19, 60],
				'heatmap-color': heatColours,
				'heatmap-opacity': 0.8
			}
		}
	];
}
