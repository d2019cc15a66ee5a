/**
 * The static page of a snapshot: index.html and the files it loads, all local (MapLibre's
 * module files and stylesheet, the pmtiles reader, the embed script, Natural Earth land, and the
 * street basemap with its glyphs when basemap.ts copied them), so
 * the folder works on any static host that answers HTTP range requests (PMTiles reads parts of
 * the archives). Not from file:// — browsers do not load module scripts from disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedStyle } from '#lib/embed/style.js';
import { embedLayers } from '#lib/embed/params.js';
import { translate, type Locale } from '#lib/i18n/index.js';
import { escapeXml } from '#lib/xml.js';
import type { Streets } from '#lib/components/map/style.js';
import { BASEMAP_FILE, FONTS_FOLDER } from './basemap';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** File in the snapshot → where it comes from (relative to the project). */
export const SITE_FILES: Record<string, string> = {
	'maplibre-gl.mjs': 'node_modules/maplibre-gl/dist/maplibre-gl.mjs',
	'maplibre-gl-worker.mjs': 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs',
	'maplibre-gl.css': 'node_modules/maplibre-gl/dist/maplibre-gl.css',
	'pmtiles.js': 'node_modules/pmtiles/dist/pmtiles.js',
	'map.js': 'src/lib/embed/browser/map.js',
	'land.geojson': 'static/basemap/land.geojson'
};

export interface SiteOptions {
	out: string;
	locale: Locale;
	bounds: [number, number, number, number];
	/** The day the data is from (YYYY-MM-DD). */
	date: string;
	/** The live site, for the link back; null: no link. */
	link: string | null;
	/** Whether OpenStreetMap-derived data is shown (camera layers). */
	osm: boolean;
	/** The street basemap copied next to the page (basemap.ts); null: land only. */
	streets?: Streets | null;
}

export function writeSite(options: SiteOptions) {
	for (const [name, source] of Object.entries(SITE_FILES)) {
		const text = fs.readFileSync(path.join(ROOT, source), 'utf8');
		fs.writeFileSync(path.join(options.out, name), text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
	}
	const streets = options.streets ?? null;
	const style = (theme: 'light' | 'dark') =>
		embedStyle({
			theme,
			layers: embedLayers,
			land: 'land.geojson',
			tiles: (layer) => `pmtiles://${layer}.pmtiles`,
			streets: streets && {
				origin: '.',
				archive: streets,
				locale: options.locale,
				pmtiles: { url: `pmtiles://${BASEMAP_FILE}`, glyphs: `${FONTS_FOLDER}/{fontstack}/{range}.pbf` }
			}
		});
	const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
		translate(options.locale, key, params);
	const config = {
		maplibre: './maplibre-gl.mjs',
		styles: { light: style('light'), dark: style('dark') },
		theme: 'auto',
		bounds: options.bounds,
		view: null,
		controls: true,
		poll: 0,
		pmtiles: true,
		fullMap: options.link,
		locale: {
			'NavigationControl.ZoomIn': t('embed.zoomIn'),
			'NavigationControl.ZoomOut': t('embed.zoomOut'),
			'AttributionControl.ToggleAttribution': t('embed.attribution')
		}
	};
	const credit = [
		t('embed.source', { date: options.date, licence: 'ODbL 1.0' }),
		options.osm || streets ? t('embed.osm', { osm: 'OpenStreetMap' }) : '',
		streets ? '' : t('embed.landCredit', { naturalEarth: 'Natural Earth' })
	]
		.filter(Boolean)
		.join(' · ');
	const json = JSON.stringify(config).replaceAll('<', '\\u003c');
	const html = `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(t('embed.mapTitle'))} · Nadzor</title>
<link rel="stylesheet" href="maplibre-gl.css">
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
main { position: fixed; inset: 0; display: flex; flex-direction: column; }
#map { flex: 1; }
.bar { margin: 0; padding: 0.2rem 0.5rem; font-size: 0.75rem; display: flex; flex-wrap: wrap; gap: 0 0.75rem; justify-content: space-between; background: #faf8f6; color: #5c5753; border-top: 1px solid #d6d1cd; }
.bar a { color: #b3261e; font-weight: 600; }
.maplibregl-ctrl-attrib a { text-decoration: underline; }
h1 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-color-scheme: dark) { .bar { background: #23201e; color: #c9c2bd; border-color: #4a4542; } .bar a { color: #ffb4ab; } }
</style>
<script src="pmtiles.js"></script>
<script type="application/json" id="embed-config">${json}</script>
<script type="module" src="map.js"></script>
</head>
<body>
<main>
<h1>${escapeXml(t('embed.mapTitle'))}</h1>
<div id="map" role="region" aria-label="${escapeXml(t('embed.mapTitle'))}"></div>
<noscript><p>${escapeXml(t('embed.noscript', { javascript: 'JavaScript' }))}</p></noscript>
<p class="bar">${options.link ? `<a id="full-map" href="${escapeXml(options.link)}" target="_blank" rel="noopener">${escapeXml(t('embed.fullMap'))}</a>` : ''}<span>${escapeXml(credit)}</span></p>
</main>
</body>
</html>
`;
	fs.writeFileSync(path.join(options.out, 'index.html'), html);
}
