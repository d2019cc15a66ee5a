/**
 * The built-in basemap: land from Natural Earth and the imported areas, served by the app
 * itself, so the default map makes no request to any other host. No text labels (they would
 * need glyph files). An operator can replace it with BASEMAP_STYLE_URL.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const colours = {
	water: '#c9dbe6',
	land: '#f3f0ea',
	area: '#7a5c99',
	camera: '#b3261e',
	cameraStroke: '#ffffff'
};

export function builtInStyle(origin: string): StyleSpecification {
	return {
		version: 8,
		sources: {
			land: { type: 'geojson', data: `${origin}/basemap/land.geojson`, attribution: 'Natural Earth' },
			areas: { type: 'geojson', data: `${origin}/api/v1/areas.geojson` }
		},
		layers: [
			{ id: 'water', type: 'background', paint: { 'background-color': colours.water } },
			{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': colours.land } },
			{ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': colours.area, 'fill-opacity': 0.04 } },
			{
				id: 'areas-outline',
				type: 'line',
				source: 'areas',
				paint: { 'line-color': colours.area, 'line-width': 1.5, 'line-dasharray': [3, 2] }
			}
		]
	};
}
