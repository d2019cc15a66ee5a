import { describe, expect, it } from 'vitest';
// Comes with maplibre-gl: the same validator MapLibre runs on a style.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { CLUSTER_SWITCH_ZOOM, SOURCES, cameraLayers, switchZoom } from '../../../src/lib/components/map/camera-layers';
import { builtInStyle, palettes, type Theme } from '../../../src/lib/components/map/style';

describe('the camera layers', () => {
	it.each<Theme>(['light', 'dark'])('make a valid MapLibre style in the %s palette', (theme) => {
		const style = builtInStyle('https://example.org', theme, { areas: false });
		for (const id of Object.values(SOURCES))
			style.sources[id] = { type: 'vector', url: `https://example.org/${id}.json` };
		style.layers.push(...cameraLayers(palettes[theme]));
		expect(validateStyleMin(style).map((error) => error.message)).toEqual([]);
	});

	it('draws each tile layer of the contract', () => {
		const drawn = cameraLayers(palettes.light).map((layer) => ('source-layer' in layer ? layer['source-layer'] : null));
		expect(new Set(drawn)).toEqual(new Set(['cameras', 'clusters', 'fov', 'areas']));
	});

	it('reads the zoom where clusters turn into cameras from the TileJSON', () => {
		expect(
			switchZoom({
				vector_layers: [
					{ id: 'clusters', minzoom: 0 },
					{ id: 'cameras', minzoom: 12 }
				]
			})
		).toBe(12);
		expect(switchZoom({ vector_layers: [{ id: 'cameras' }] })).toBe(CLUSTER_SWITCH_ZOOM);
		expect(switchZoom(undefined)).toBe(CLUSTER_SWITCH_ZOOM);
	});
});
