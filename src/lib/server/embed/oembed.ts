/**
 * oEmbed 1.0 (https://oembed.com): a link to this site pasted into a CMS becomes an embed.
 * Embeddable: the map (`/` with its filters and `#map=` view), a camera page (the map around
 * it), `/embed...` itself, the statistic widgets and `/stats` (the ranking widget). Every other
 * address, and every address on another site, is "not found" (404).
 */
import type { Kysely } from 'kysely';
import {
	iframeSnippet,
	mapEmbedQuery,
	parseMapEmbed,
	defaultSizes,
	type Size,
	type WidgetKind
} from '#lib/embed/params.js';
import { parseViewHash } from '#lib/geo/permalink.js';
import { formatMapFilters, parseMapFilters } from '#lib/geo/map-filters.js';
import { isLocale, translate, type Locale, type MessageKey } from '#lib/i18n/index.js';
import type { DB } from '../db';
import * as cameras from '../cameras/repository';

export interface OEmbedRich {
	version: '1.0';
	type: 'rich';
	title: string;
	provider_name: string;
	provider_url: string;
	cache_age: number;
	html: string;
	width: number;
	height: number;
}

interface Target {
	path: string;
	title: MessageKey;
	titleParams?: Record<string, string>;
	kind: 'map' | WidgetKind;
}

/** What `url` embeds as, or undefined when it is not an embeddable address of this site. */
async function target(db: Kysely<DB>, url: URL): Promise<Target | undefined> {
	const path = url.pathname.replace(/\/+$/, '') || '/';
	const lang = url.searchParams.get('lang');
	const withLang = (query: URLSearchParams) => {
		if (isLocale(lang)) query.set('lang', lang);
		return query;
	};
	if (path === '/') {
		const query = new URLSearchParams(formatMapFilters(parseMapFilters(url.searchParams)));
		const view = parseViewHash(url.hash);
		if (view) query.set('map', `${view.zoom}/${view.lat}/${view.lng}`);
		return mapTarget(withLang(query));
	}
	const camera = /^\/cameras\/(\d{1,15})$/.exec(path);
	if (camera) {
		const found = await cameras.read(db, Number(camera[1]));
		if (!found) return undefined;
		const query = new URLSearchParams({ map: `17/${found.lat}/${found.lng}` });
		if (found.status === 'removed') query.set('removed', '1');
		return mapTarget(withLang(query));
	}
	if (path === '/embed') return mapTarget(url.searchParams);
	if (path === '/stats' || path === '/embed/stats/ranking') {
		const query = path === '/stats' ? withLang(new URLSearchParams()) : url.searchParams;
		return {
			path: `/embed/stats/ranking${query.size ? `?${query}` : ''}`,
			title: 'share.widgetTitle.ranking',
			kind: 'ranking'
		};
	}
	if (path === '/embed/stats/counter')
		return { path: `${path}${url.search}`, title: 'share.widgetTitle.counter', kind: 'counter' };
	if (/^\/embed\/stats\/areas\/[a-z0-9][a-z0-9-]{0,79}$/.test(path))
		return { path: `${path}${url.search}`, title: 'share.widgetTitle.area', kind: 'area' };
	return undefined;
}

function mapTarget(query: URLSearchParams): Target | undefined {
	const parsed = parseMapEmbed(query);
	if (!parsed.ok) return undefined;
	const search = mapEmbedQuery(parsed.embed);
	return { path: `/embed${search ? `?${search}` : ''}`, title: 'embed.mapTitle', kind: 'map' };
}

export type OEmbedResult =
	| { ok: true; body: OEmbedRich }
	| { ok: false; status: 400 | 404 | 501; key: MessageKey; params?: Record<string, string> };

export async function oembed(
	db: Kysely<DB>,
	origin: string,
	params: URLSearchParams,
	locale: Locale
): Promise<OEmbedResult> {
	const format = params.get('format') ?? 'json';
	if (format !== 'json') return { ok: false, status: 501, key: 'oembed.format', params: { json: 'format=json' } };
	const raw = params.get('url');
	let url: URL;
	try {
		url = new URL(raw ?? '');
	} catch {
		return { ok: false, status: 400, key: 'oembed.url', params: { name: 'url', origin } };
	}
	if (url.origin !== origin) return { ok: false, status: 404, key: 'oembed.url', params: { name: 'url', origin } };
	const limits: number[] = [];
	for (const name of ['maxwidth', 'maxheight']) {
		const value = params.get(name);
		if (value !== null && !/^\d{1,5}$/.test(value))
			return { ok: false, status: 400, key: 'oembed.size', params: { maxwidth: 'maxwidth', maxheight: 'maxheight' } };
		limits.push(value === null ? Infinity : Math.max(1, Number(value)));
	}
	const found = await target(db, url);
	if (!found) return { ok: false, status: 404, key: 'oembed.notEmbeddable' };
	const wanted = defaultSizes[found.kind];
	const size: Size = { width: Math.min(wanted.width, limits[0]), height: Math.min(wanted.height, limits[1]) };
	const src = `${origin}${found.path}`;
	const embedLang = new URL(src).searchParams.get('lang');
	const title = translate(isLocale(embedLang) ? embedLang : locale, found.title, found.titleParams);
	return {
		ok: true,
		body: {
			version: '1.0',
			type: 'rich',
			title,
			provider_name: 'Nadzor',
			provider_url: `${origin}/`,
			cache_age: 3600,
			html: iframeSnippet({ src, title, size, resize: found.kind !== 'map' }),
			width: size.width,
			height: size.height
		}
	};
}
