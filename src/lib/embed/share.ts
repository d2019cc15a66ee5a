/**
 * The share page's form (/share) read into an embed address and its snippet. The form is a
 * plain GET form (works without JavaScript); checkboxes send repeated parameters
 * (`type=a&type=b`), read here like the map's filter form reads them.
 */
import { isLocale, type Locale, type MessageKey } from '#lib/i18n/index.js';
import { formatMapFilters, parseMapFilters } from '#lib/geo/map-filters.js';
import {
	defaultSizes,
	embedLayers,
	embedThemes,
	iframeSnippet,
	mapEmbedQuery,
	parseMapEmbed,
	slugSchema,
	widgetKinds,
	type EmbedLayer,
	type EmbedTheme,
	type Size
} from './params';

export const shareKinds = ['map', ...widgetKinds] as const;
export type ShareKind = (typeof shareKinds)[number];

export const SIZE_LIMITS = { min: 120, max: 2000 } as const;

export interface ShareChoice {
	kind: ShareKind;
	area: string;
	bbox: string;
	view: string;
	layers: EmbedLayer[];
	/** The filter as a query string (the map's filter parameters). */
	filter: string;
	faceOnly: boolean;
	limit: number;
	language: Locale;
	theme: EmbedTheme;
	controls: boolean;
	size: Size;
}

export interface ShareResult {
	choice: ShareChoice;
	/** Field → message key, for fields that need correcting. */
	errors: Partial<Record<string, { key: MessageKey; params?: Record<string, string> }>>;
	/** Present when there is nothing to correct. */
	embed?: { src: string; snippet: string; title: MessageKey; size: Size };
}

function size(raw: string | null, fallback: number): number | null {
	if (raw === null || raw === '') return fallback;
	if (!/^\d{1,4}$/.test(raw)) return null;
	const value = Number(raw);
	return value >= SIZE_LIMITS.min && value <= SIZE_LIMITS.max ? value : null;
}

const titles: Record<ShareKind, MessageKey> = {
	map: 'embed.mapTitle',
	counter: 'share.widgetTitle.counter',
	ranking: 'share.widgetTitle.ranking',
	area: 'share.widgetTitle.area'
};

export function readShareForm(params: URLSearchParams, origin: string, pageLocale: Locale): ShareResult {
	const errors: ShareResult['errors'] = {};
	const rawKind = params.get('kind') ?? 'map';
	const kind: ShareKind = (shareKinds as readonly string[]).includes(rawKind) ? (rawKind as ShareKind) : 'map';
	const submitted = params.get('made') === '1';
	const layersGiven = params.getAll('layers').flatMap((value) => value.split(','));
	const layers = layersGiven.length
		? embedLayers.filter((layer) => layersGiven.includes(layer))
		: submitted
			? []
			: [...embedLayers];
	const language = params.get('language');
	const theme = params.get('theme') ?? 'auto';
	const limit = Number(params.get('limit') ?? 10);
	const defaults = defaultSizes[kind];
	const width = size(params.get('width'), defaults.width);
	const height = size(params.get('height'), defaults.height);
	const choice: ShareChoice = {
		kind,
		area: params.get('area') ?? '',
		bbox: (params.get('bbox') ?? '').trim(),
		view: (params.get('map') ?? '').trim(),
		layers,
		filter: formatMapFilters(parseMapFilters(params)),
		faceOnly: params.get('capability') === 'face_recognition' && kind === 'counter',
		limit: Number.isInteger(limit) && limit >= 1 && limit <= 50 ? limit : 10,
		language: isLocale(language) ? language : pageLocale,
		theme: (embedThemes as readonly string[]).includes(theme) ? (theme as EmbedTheme) : 'auto',
		controls: submitted ? params.get('controls') === '1' : true,
		size: { width: width ?? defaults.width, height: height ?? defaults.height }
	};
	if (width === null || height === null)
		errors.size = { key: 'share.size', params: { min: String(SIZE_LIMITS.min), max: String(SIZE_LIMITS.max) } };
	if (choice.area && !slugSchema.safeParse(choice.area).success)
		errors.area = { key: 'embed.area', params: { name: 'area' } };

	let path: string;
	const common = new URLSearchParams({ lang: choice.language });
	if (choice.theme !== 'auto') common.set('theme', choice.theme);
	if (kind === 'map') {
		const query = new URLSearchParams(choice.filter);
		if (choice.area) query.set('area', choice.area);
		else if (choice.bbox) query.set('bbox', choice.bbox);
		else if (choice.view) query.set('map', choice.view);
		query.set('layers', layers.join(','));
		for (const [key, value] of common) query.set(key, value);
		if (!choice.controls) query.set('ui', 'none');
		const parsed = parseMapEmbed(query);
		if (!parsed.ok) errors[parsed.field] = { key: parsed.error, params: parsed.params };
		path = parsed.ok ? `/embed?${mapEmbedQuery(parsed.embed)}` : '';
	} else if (kind === 'counter') {
		const query = new URLSearchParams();
		if (choice.area) query.set('area', choice.area);
		if (choice.faceOnly) query.set('capability', 'face_recognition');
		for (const [key, value] of common) query.set(key, value);
		path = `/embed/stats/counter?${query}`;
	} else if (kind === 'ranking') {
		const query = new URLSearchParams();
		if (choice.limit !== 10) query.set('limit', String(choice.limit));
		for (const [key, value] of common) query.set(key, value);
		path = `/embed/stats/ranking?${query}`;
	} else {
		if (!choice.area) errors.area = { key: 'share.areaNeeded' };
		path = `/embed/stats/areas/${choice.area}?${common}`;
	}
	if (Object.keys(errors).length > 0) return { choice, errors };
	const src = `${origin}${path}`;
	return {
		choice,
		errors,
		embed: {
			src,
			title: titles[kind],
			size: choice.size,
			snippet: '' // filled in by the caller, which knows the title in the embed's language
		}
	};
}

export function shareSnippet(src: string, title: string, size: Size, kind: ShareKind): string {
	return iframeSnippet({ src, title, size, resize: kind !== 'map' });
}
