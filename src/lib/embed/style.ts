/**
 * The complete MapLibre style of an embedded map, built on the server so the browser script
 * (src/lib/embed/browser/map.js) needs no copy of the map's colours: the built-in basemap
 * (Natural Earth land and, where the server has them, the streets) and the camera layers of the full map (camera-layers.ts), with the tile
 * sources either live (TileJSON with the filters) or PMTiles archives of a static snapshot.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { cameraLayers, LAYERS, SOURCES } from '#lib/components/map/camera-layers.js';
import {
	basemapLayers,
	glyphsUrl,
	landSource,
	OSM_ATTRIBUTION,
	palettes,
	streetSource,
	type Streets,
	type Theme
} from '#lib/components/map/style.js';
import type { Locale } from '#lib/i18n/index.js';
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
	/**
	 * The street basemap (null: land only), labels in `locale`'s script: its tiles and glyphs under
	 * `origin`, or (a static snapshot) a PMTiles archive and a glyph address of its own.
	 */
	streets?: { origin: string; archive: Streets; locale: Locale; pmtiles?: { url: string; glyphs: string } } | null;
}

export function embedStyle(options: EmbedStyleOptions): StyleSpecification {
	const palette = palettes[options.theme];
	const streets = options.streets ?? null;
	const sources: Record<string, SourceSpecification> = {
		land: landSource(options.land, streets?.archive),
		...(streets
			? {
					streets: streets.pmtiles
						? { type: 'vector', url: streets.pmtiles.url, attribution: OSM_ATTRIBUTION }
						: streetSource(streets.origin, streets.archive, streets.locale)
				}
			: {})
	};
	for (const layer of options.layers) sources[sourceOf[layer]] = { type: 'vector', url: options.tiles(layer) };
	const wanted = new Set(options.layers.flatMap((layer) => drawnFrom[layer]));
	const layers: LayerSpecification[] = [
		...basemapLayers(palette, { areas: false, streets: streets?.archive, locale: streets?.locale }),
		...cameraLayers(palette).filter((layer) => wanted.has(layer.id))
	];
	const glyphs = streets && (streets.pmtiles?.glyphs ?? glyphsUrl(streets.origin));
	return { version: 8, ...(glyphs ? { glyphs } : {}), sources, layers };
}
