/**
 * The complete MapLibre style of an embedded map, built on the server so the browser script
 * (src/lib/embed/browser/map.js) needs no copy of the map's colours: the built-in basemap
 * (Natural Earth land) and the camera layers of the full map (camera-layers.ts), with the tile
 * sources either live (TileJSON with the filters) or PMTiles archives of a static snapshot.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { cameraLayers, LAYERS, SOURCES } from '#lib/components/map/camera-layers.js';
import { palettes, type Theme } from '#lib/components/map/style.js';
import type { EmbedLayer } from './params';

/** Map layers drawn from each tile layer. */
const drawnFrom: Record<EmbedLayer, string[]> = {
	cameras: [LAYERS.clusters, LAYERS.cameras],
	fov: [LAYERS.fov, LAYERS.fovOutline],
	areas: [LAYERS.areas]
};

const sourceOf: Record<EmbedLayer, string> = { cameras: SOURCES.cameras, fov: SOURCES.fov, areas: SOURCES.areas };

export interface EmbedStyleOptions {
	theme: Theme;
	layers: readonly EmbedLayer[];
	/** The land GeoJSON's address. */
	land: string;
	/** A tile layer's source address: a TileJSON URL, or `pmtiles://file.pmtiles`. */
	tiles: (layer: EmbedLayer) => string;
}

export function embedStyle(options: EmbedStyleOptions): StyleSpecification {
	const palette = palettes[options.theme];
	const sources: Record<string, SourceSpecification> = {
		land: { type: 'geojson', data: options.land, attribution: 'Natural Earth' }
	};
	for (const layer of options.layers) sources[sourceOf[layer]] = { type: 'vector', url: options.tiles(layer) };
	const wanted = new Set(options.layers.flatMap((layer) => drawnFrom[layer]));
	const layers: LayerSpecification[] = [
		{ id: 'water', type: 'background', paint: { 'background-color': palette.water } },
		{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': palette.land } },
		...cameraLayers(palette).filter((layer) => wanted.has(layer.id))
	];
	return { version: 8, sources, layers };
}
