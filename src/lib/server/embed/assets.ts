/**
 * The files an embedded map loads: MapLibre's own module files, the embed script, the widget
 * resize script and the basemap's land. They are served here rather than as the app's bundled
 * assets because an embed runs in a sandboxed iframe with an opaque origin: module scripts,
 * MapLibre's worker script and GeoJSON are then cross-origin requests and need
 * `Access-Control-Allow-Origin`, which only a route can add. The static snapshot copies the
 * same files (src/lib/server/snapshot/site.ts).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import maplibreModule from 'maplibre-gl/dist/maplibre-gl.mjs?raw';
import maplibreWorker from 'maplibre-gl/dist/maplibre-gl-worker.mjs?raw';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?raw';
import mapScript from '#lib/embed/browser/map.js?raw';
import resizeScript from '#lib/embed/browser/resize.js?raw';
import land from '../../../../static/basemap/land.geojson?raw';

export interface EmbedAsset {
	type: string;
	body: Buffer;
	gz: Buffer;
	/** Content hash, put in addresses so a new version is a new address. */
	hash: string;
	/** The policy the file runs under, for a script that runs as a document of its own. */
	csp?: string;
}

const JS = 'text/javascript; charset=utf-8';
/** Source map comments point at files that are not served. */
const withoutSourceMap = (text: string) => text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');

/**
 * A worker started from a file runs under the policy of that file's response, not the page's
 * (CSP 3, "initialize a worker's policy"): the data-only `default-src 'none'` every other
 * answer gets would stop it fetching tiles. An embed framed by the app itself (the area page)
 * or opened directly starts the worker from this file; a sandboxed one starts it from a data:
 * address, which inherits the page's policy.
 */
const WORKER_CSP = "default-src 'none'; connect-src 'self'; script-src 'self'";

const sources: Record<string, { type: string; text: string; csp?: string }> = {
	'maplibre-gl.mjs': { type: JS, text: withoutSourceMap(maplibreModule) },
	'maplibre-gl-worker.mjs': { type: JS, text: withoutSourceMap(maplibreWorker), csp: WORKER_CSP },
	'maplibre-gl.css': { type: 'text/css; charset=utf-8', text: withoutSourceMap(maplibreCss) },
	'map.js': { type: JS, text: mapScript },
	'resize.js': { type: JS, text: resizeScript },
	'land.geojson': { type: 'application/geo+json', text: land }
};

let assets: Map<string, EmbedAsset> | undefined;

/** The asset named `name`, compressed once on first use. */
export function embedAsset(name: string): EmbedAsset | undefined {
	if (!assets) {
		assets = new Map();
		for (const [file, { type, text, csp }] of Object.entries(sources)) {
			const body = Buffer.from(text);
			const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
			assets.set(file, { type, body, gz: gzipSync(body, { level: 9 }), hash, csp });
		}
	}
	return assets.get(name);
}

/** `/embed/assets/{name}?v={hash}` on `origin`. */
export function embedAssetUrl(origin: string, name: string): string {
	const asset = embedAsset(name);
	if (!asset) throw new Error(`no embed asset ${name}`);
	return `${origin}/embed/assets/${name}?v=${asset.hash}`;
}
