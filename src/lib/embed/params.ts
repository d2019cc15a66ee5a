/**
 * What an embed shows, read from its address, and the addresses and `<iframe>` snippets the
 * share page and oEmbed hand out. One module so the builder, the embed pages and oEmbed agree.
 *
 *   /embed?area=belgrade | bbox=minLon,minLat,maxLon,maxLat | map=zoom/lat/lon
 *          &layers=cameras,fov,areas   (default: all three)
 *          &type=…&operator=…&capability=…&confidence=…&removed=1   (src/lib/schemas/camera-filter.ts)
 *          &lang=sr-Latn|sr-Cyrl|en &theme=light|dark|auto &ui=none
 *   /embed/stats/counter[?area=slug][&capability=face_recognition]
 *   /embed/stats/ranking[?limit=10]
 *   /embed/stats/areas/{slug}
 */
import { z } from 'zod';
import { parseBBox, type BBox } from '#lib/schemas/bbox.js';
import { cameraFilterQuery, parseCameraFilter, type CameraFilter } from '#lib/schemas/camera-filter.js';
import { isLocale, type Locale, type MessageKey } from '#lib/i18n/index.js';
import { parseViewHash, type View } from '#lib/geo/permalink.js';
import { escapeXml } from '#lib/xml.js';

export const embedLayers = ['cameras', 'fov', 'areas'] as const;
export type EmbedLayer = (typeof embedLayers)[number];
export const embedThemes = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof embedThemes)[number];
export const widgetKinds = ['counter', 'ranking', 'area'] as const;
export type WidgetKind = (typeof widgetKinds)[number];

/** Area slugs as the importer makes them. */
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

export interface MapEmbed {
	area?: string;
	bbox?: BBox;
	view?: View;
	layers: EmbedLayer[];
	filter: CameraFilter;
	lang?: Locale;
	theme: EmbedTheme;
	/** false: no controls and no link bar (the attribution stays: the data's licences require it). */
	ui: boolean;
}

export type EmbedParseResult =
	{ ok: true; embed: MapEmbed } | { ok: false; field: string; error: MessageKey; params?: Record<string, string> };

export function parseMapEmbed(params: URLSearchParams): EmbedParseResult {
	const area = params.get('area');
	if (area && !slugSchema.safeParse(area).success)
		return { ok: false, field: 'area', error: 'embed.area', params: { name: 'area' } };
	const rawBBox = params.get('bbox');
	let bbox: BBox | undefined;
	if (rawBBox) {
		const parsed = parseBBox(rawBBox);
		// The 4° limit of the camera API is for responses; a map may show a whole country.
		if (!parsed.ok && parsed.error !== 'bbox.size') return { ok: false, field: 'bbox', error: parsed.error };
		bbox = rawBBox.split(',').map(Number) as BBox;
	}
	const rawView = params.get('map');
	const view = rawView ? parseViewHash(`map=${rawView}`) : undefined;
	if (rawView && !view)
		return { ok: false, field: 'map', error: 'embed.view', params: { name: 'map', example: '13/44.81/20.46' } };

	const rawLayers = params.get('layers');
	const layers = rawLayers ? [...new Set(rawLayers.split(',').map((part) => part.trim()))] : [...embedLayers];
	if (layers.length === 0 || !layers.every((layer) => (embedLayers as readonly string[]).includes(layer)))
		return {
			ok: false,
			field: 'layers',
			error: 'embed.layers',
			params: { name: 'layers', allowed: embedLayers.join(', ') }
		};

	const filter = parseCameraFilter(params);
	if (!filter.ok)
		return {
			ok: false,
			field: filter.field,
			error: filter.error,
			params: { name: filter.field, allowed: filter.allowed }
		};

	const theme = params.get('theme') ?? 'auto';
	if (!(embedThemes as readonly string[]).includes(theme))
		return {
			ok: false,
			field: 'theme',
			error: 'embed.theme',
			params: { name: 'theme', allowed: embedThemes.join(', ') }
		};
	const ui = params.get('ui') ?? 'full';
	if (ui !== 'none' && ui !== 'full')
		return { ok: false, field: 'ui', error: 'embed.ui', params: { name: 'ui', none: 'none' } };
	const lang = params.get('lang');

	return {
		ok: true,
		embed: {
			...(area ? { area } : {}),
			...(bbox ? { bbox } : {}),
			...(view ? { view } : {}),
			layers: embedLayers.filter((layer) => layers.includes(layer)),
			filter: filter.filter,
			...(isLocale(lang) ? { lang } : {}),
			theme: theme as EmbedTheme,
			ui: ui !== 'none'
		}
	};
}

/** The embed's query string in a fixed order, defaults left out. */
export function mapEmbedQuery(embed: MapEmbed): string {
	const params = new URLSearchParams();
	if (embed.area) params.set('area', embed.area);
	if (embed.bbox) params.set('bbox', embed.bbox.map((value) => round(value)).join(','));
	if (embed.view) params.set('map', `${embed.view.zoom}/${round(embed.view.lat)}/${round(embed.view.lng)}`);
	if (embed.layers.length !== embedLayers.length) params.set('layers', embed.layers.join(','));
	const filter = cameraFilterQuery(embed.filter);
	for (const [key, value] of new URLSearchParams(filter)) params.set(key, value);
	if (embed.lang) params.set('lang', embed.lang);
	if (embed.theme !== 'auto') params.set('theme', embed.theme);
	if (!embed.ui) params.set('ui', 'none');
	return params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
}

const round = (value: number) => Math.round(value * 1e5) / 1e5;

export interface Size {
	width: number;
	height: number;
}

export const defaultSizes: Record<'map' | WidgetKind, Size> = {
	map: { width: 640, height: 480 },
	counter: { width: 320, height: 160 },
	ranking: { width: 400, height: 420 },
	area: { width: 400, height: 300 }
};

/**
 * The snippet a site pastes. The iframe is sandboxed (scripts and links opening a new tab only:
 * no cookies, no storage, no access to the host page) and lazy. Widgets that change height tell
 * the host page with postMessage (`{ nadzor: 'resize', height }`); the optional script after
 * the iframe applies it, and without it the iframe keeps its given height and scrolls.
 */
export function iframeSnippet(options: { src: string; title: string; size: Size; resize: boolean }): string {
	const { src, title, size, resize } = options;
	const iframe =
		`<iframe src="${escapeXml(src)}" title="${escapeXml(title)}" ` +
		`width="${size.width}" height="${size.height}" style="border:0;max-width:100%" loading="lazy" ` +
		`sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer"></iframe>`;
	if (!resize) return iframe;
	// A sandboxed frame's messages come from origin "null": the frame is found by its window
	// instead, and only frames of this site's embeds are resized, only in height.
	const prefix = JSON.stringify(`${new URL(src).origin}/embed/`);
	const script =
		`<script>addEventListener("message",function(e){var d=e.data;` +
		`if(!d||d.nadzor!=="resize"||typeof d.height!=="number")return;` +
		`document.querySelectorAll("iframe").forEach(function(f){` +
		`if(f.contentWindow===e.source&&f.src.indexOf(${prefix})===0)f.height=String(Math.min(Math.ceil(d.height),4000))})})</script>`;
	return `${iframe}\n${script}`;
}
