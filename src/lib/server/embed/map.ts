/**
 * What the embedded map page needs, from its parsed parameters: where to open, the complete
 * styles in both colour schemes with live tile sources, and the link back to the full map.
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { StyleSpecification } from 'maplibre-gl';
import { cameraFilterQuery } from '#lib/schemas/camera-filter.js';
import { translate, type Locale } from '#lib/i18n/index.js';
import { embedStyle } from '#lib/embed/style.js';
import type { MapEmbed } from '#lib/embed/params.js';
import type { View } from '#lib/geo/permalink.js';
import type { DB } from '../db';
import * as areas from '../areas/repository';
import { basemapForMaps } from '../basemap';
import { embedAssetUrl } from './assets';

/** Belgrade, when the database has no areas yet (as on the full map). */
const FALLBACK: [number, number, number, number] = [20.2, 44.7, 20.65, 44.9];

export interface MapEmbedConfig {
	maplibre: string;
	styles: { light: StyleSpecification; dark: StyleSpecification };
	theme: MapEmbed['theme'];
	bounds: [number, number, number, number] | null;
	view: View | null;
	controls: boolean;
	poll: number;
	pmtiles: boolean;
	fullMap: string;
	locale: Record<string, string>;
}

export async function mapEmbedConfig(
	db: Kysely<DB>,
	origin: string,
	embed: MapEmbed,
	locale: Locale
): Promise<MapEmbedConfig> {
	let bounds: [number, number, number, number] | null = null;
	if (embed.area) {
		const area = await areas.bySlug(db, embed.area);
		if (!area) error(404, translate(locale, 'embed.unknownArea', { area: embed.area }));
		bounds = area.bounds;
	} else if (embed.bbox) {
		bounds = embed.bbox;
	} else if (!embed.view) {
		bounds = (await areas.extent(db)) ?? FALLBACK;
	}
	const filter = cameraFilterQuery(embed.filter);
	const tiles = (layer: string) => `${origin}/tiles/${layer}.json${layer !== 'areas' && filter ? `?${filter}` : ''}`;
	const land = embedAssetUrl(origin, 'land.geojson');
	const archive = await basemapForMaps();
	const streets = archive && { origin, archive, locale };
	const style = (theme: 'light' | 'dark') => embedStyle({ theme, layers: embed.layers, land, tiles, streets });
	const query = [filter, embed.lang ? `lang=${embed.lang}` : ''].filter(Boolean).join('&');
	return {
		maplibre: embedAssetUrl(origin, 'maplibre-gl.mjs'),
		styles: { light: style('light'), dark: style('dark') },
		theme: embed.theme,
		bounds,
		view: embed.view ?? null,
		controls: embed.ui,
		poll: 5000,
		pmtiles: false,
		fullMap: `${origin}/${query ? `?${query}` : ''}`,
		locale: {
			'NavigationControl.ZoomIn': translate(locale, 'embed.zoomIn'),
			'NavigationControl.ZoomOut': translate(locale, 'embed.zoomOut'),
			'AttributionControl.ToggleAttribution': translate(locale, 'embed.attribution')
		}
	};
}

/** JSON safe inside `<script type="application/json">`: no `</script>`, no `<!--`. */
export function scriptJson(value: unknown): string {
	return JSON.stringify(value)
		.replaceAll('<', '\\u003c')
		.replaceAll('\u2028', '\\u2028')
		.replaceAll('\u2029', '\\u2029');
}
