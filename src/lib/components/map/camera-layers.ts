/**
 * The camera tiles on the map: sources (TileJSON from the app's tile server) and the layers
 * drawn from them, coloured by a palette. The legend (Legend.svelte) draws the same symbols
 * from the same palette, so the two cannot drift apart.
 *
 * Tile layers (the tile server's contract): `cameras` (points, id = camera id) at zoom >= the
 * switch zoom, `clusters` (points with `count`) below it, `fov` (field-of-view polygons, from
 * zoom 15) and `areas` (boundaries).
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { surveillanceTypes } from '#lib/camera-tags.js';
import type { Palette } from './style';

/** Map source ids (prefixed: the built-in basemap has an `areas` source of its own). */
export const SOURCES = { cameras: 'nadzor-cameras', fov: 'nadzor-fov', areas: 'nadzor-areas' } as const;

/** Map layer ids. */
export const LAYERS = {
	/** Invisible area fills: what a tap on an area finds. */
	areaHits: 'nadzor-areas-hit',
	areas: 'nadzor-areas-outline',
	fov: 'nadzor-fov',
	fovOutline: 'nadzor-fov-outline',
	clusters: 'nadzor-clusters',
	cameras: 'nadzor-cameras'
} as const;

/**
 * Below this zoom the tile server sends clusters instead of cameras. The TileJSON's
 * `vector_layers` entry for `cameras` says the real value (its `minzoom`); this is the
 * fallback when it does not.
 */
export const CLUSTER_SWITCH_ZOOM = 15;

const removed: ExpressionSpecification = ['==', ['get', 'status'], 'removed'];
const reported: ExpressionSpecification = ['==', ['get', 'confidence'], 'reported'];
const confirmed: ExpressionSpecification = ['==', ['get', 'confidence'], 'confirmed'];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

function kindColour(palette: Palette): ExpressionSpecification {
	return [
		'match',
		['get', 'surveillance_type'],
		...surveillanceTypes.flatMap((kind) => [kind, palette.kinds[kind]]),
		palette.kinds.camera
	] as unknown as ExpressionSpecification;
}

/** Radius by zoom, larger for the selected camera. */
function radius(atZoom12: number): ExpressionSpecification {
	const size = (base: number): ExpressionSpecification => ['case', selected, base + 4, base];
	return ['interpolate', ['linear'], ['zoom'], 12, size(atZoom12), 16, size(atZoom12 + 2.5), 19, size(atZoom12 + 6)];
}

export interface CameraLayerOptions {
	/** Whether the cluster circles are drawn (a density view draws its own picture instead; they stay queryable). */
	clusters?: boolean;
}

export function cameraLayers(palette: Palette, options: CameraLayerOptions = {}): LayerSpecification[] {
	const clusterOpacity = options.clusters === false ? 0 : 1;
	return [
		{
			id: LAYERS.areaHits,
			type: 'fill',
			source: SOURCES.areas,
			'source-layer': 'areas',
			paint: { 'fill-color': palette.area, 'fill-opacity': 0 }
		},
		{
			id: LAYERS.areas,
			type: 'line',
			source: SOURCES.areas,
			'source-layer': 'areas',
			paint: { 'line-color': palette.area, 'line-width': 1.5, 'line-dasharray': [3, 2] }
		},
		{
			id: LAYERS.fov,
			type: 'fill',
			source: SOURCES.fov,
			'source-layer': 'fov',
			paint: { 'fill-color': palette.fov, 'fill-opacity': ['case', reported, 0.08, 0.16] }
		},
		{
			id: LAYERS.fovOutline,
			type: 'line',
			source: SOURCES.fov,
			'source-layer': 'fov',
			paint: { 'line-color': palette.fov, 'line-opacity': 0.45, 'line-width': 0.75 }
		},
		{
			id: LAYERS.clusters,
			type: 'circle',
			source: SOURCES.cameras,
			'source-layer': 'clusters',
			paint: {
				'circle-color': palette.cluster,
				'circle-opacity': 0.75 * clusterOpacity,
				'circle-stroke-opacity': clusterOpacity,
				// Area grows with the count: the radius with its square root.
				'circle-radius': [
					'interpolate',
					['linear'],
					['sqrt', ['max', 1, ['to-number', ['get', 'count'], 1]]],
					1,
					5,
					10,
					16,
					40,
					32
				],
				'circle-stroke-color': palette.ring,
				'circle-stroke-width': 1.5
			}
		},
		{
			id: LAYERS.cameras,
			type: 'circle',
			source: SOURCES.cameras,
			'source-layer': 'cameras',
			// Tombstones under the active cameras.
			layout: { 'circle-sort-key': ['case', removed, 0, 1] },
			paint: {
				'circle-color': ['case', removed, palette.removed, reported, palette.land, kindColour(palette)],
				'circle-opacity': ['case', removed, 0.75, 1],
				'circle-radius': radius(4),
				'circle-stroke-color': [
					'case',
					removed,
					palette.removedRing,
					reported,
					kindColour(palette),
					confirmed,
					palette.strongRing,
					palette.ring
				],
				'circle-stroke-width': ['case', removed, 1, reported, 2.5, confirmed, 2.5, 1.5]
			}
		}
	];
}

/** The zoom from which the tiles hold single cameras, from a TileJSON document. */
export function switchZoom(tileJson: { vector_layers?: { id: string; minzoom?: number }[] } | undefined): number {
	const layer = tileJson?.vector_layers?.find((entry) => entry.id === 'cameras');
	return typeof layer?.minzoom === 'number' ? layer.minzoom : CLUSTER_SWITCH_ZOOM;
}
