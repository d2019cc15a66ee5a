/**
 * The embedded map, in the browser. Plain JavaScript with no imports resolved at build time:
 * the live embed (/embed, src/routes/embed/) and the static snapshot (npm run snapshot) serve
 * this file as it is, next to MapLibre's own module files.
 *
 * It must work inside `<iframe sandbox="allow-scripts allow-popups">`: the document has an
 * opaque origin, so there are no cookies and no storage (nothing here touches them), and every
 * request to the site is cross-origin (the site answers the embed's files, tiles and TileJSON
 * with `Access-Control-Allow-Origin: *`; MapLibre starts its worker from a data: URL there).
 *
 * Reads its configuration from `<script type="application/json" id="embed-config">`:
 *   maplibre   address of maplibre-gl.mjs (its worker file sits next to it)
 *   styles     { light, dark }: complete MapLibre styles
 *   theme      'auto' | 'light' | 'dark'
 *   bounds     [w, s, e, n] to fit, or view { zoom, lat, lng }
 *   controls   zoom buttons
 *   poll       ms between checks of the TileJSON for new data (0: never; the snapshot)
 *   pmtiles    tile sources are pmtiles:// archives next to the page (needs pmtiles.js loaded)
 *   fullMap    address of the full map; the link `#full-map` follows the view
 *   locale     MapLibre's control labels
 * and reports its state on <html data-map="loading|ready|error"> for tests and styling.
 */
// @ts-check

/** @type {any} */
const config = JSON.parse(document.getElementById('embed-config')?.textContent ?? '{}');
const root = document.documentElement;
root.dataset.map = 'loading';

const systemDark = matchMedia('(prefers-color-scheme: dark)');
/** @returns {'light' | 'dark'} */
const currentTheme = () => (config.theme === 'auto' ? (systemDark.matches ? 'dark' : 'light') : config.theme);

/**
 * A snapshot's sources are written relative to the page (the folder may be served from any
 * address); the pmtiles protocol and MapLibre's worker need absolute addresses.
 */
function absoluteSources(/** @type {any} */ style) {
	for (const source of Object.values(style.sources)) {
		const entry = /** @type {any} */ (source);
		if (typeof entry.url === 'string' && entry.url.startsWith('pmtiles://')) {
			entry.url = `pmtiles://${new URL(entry.url.slice('pmtiles://'.length), location.href).href}`;
		}
		if (typeof entry.data === 'string') entry.data = new URL(entry.data, location.href).href;
	}
	// The glyph address keeps its {fontstack} and {range} placeholders unescaped.
	if (typeof style.glyphs === 'string') {
		style.glyphs = new URL(style.glyphs, location.href).href.replaceAll('%7B', '{').replaceAll('%7D', '}');
	}
	return style;
}

/** `#map=zoom/lat/lon`, as the full map reads it. */
function viewHash(/** @type {any} */ map) {
	const zoom = map.getZoom();
	const centre = map.getCenter();
	const decimals = Math.max(0, Math.ceil((zoom * Math.LN2) / Math.LN10));
	return `#map=${zoom.toFixed(2).replace(/\.?0+$/, '')}/${centre.lat.toFixed(decimals)}/${centre.lng.toFixed(decimals)}`;
}

async function start() {
	const maplibre = await import(/* @vite-ignore */ config.maplibre);
	if (config.pmtiles) {
		const pmtiles = /** @type {any} */ (globalThis).pmtiles;
		maplibre.addProtocol('pmtiles', new pmtiles.Protocol().tile);
		absoluteSources(config.styles.light);
		absoluteSources(config.styles.dark);
	}
	const container = /** @type {HTMLElement} */ (document.getElementById('map'));
	const map = new maplibre.Map({
		container,
		style: config.styles[currentTheme()],
		bounds: config.view ? undefined : config.bounds,
		center: config.view ? [config.view.lng, config.view.lat] : undefined,
		zoom: config.view?.zoom,
		fitBoundsOptions: { padding: 8 },
		attributionControl: { compact: true },
		dragRotate: false,
		maxPitch: 0,
		cooperativeGestures: false,
		locale: config.locale ?? {}
	});
	map.touchZoomRotate?.disableRotation();
	// Tests read what the map draws (set before the page loads; see tests/e2e/).
	const hooks = /** @type {any} */ (window);
	if (hooks.__nadzorTestHooks) hooks.__nadzorMap = map;
	if (config.controls) map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');

	const link = /** @type {HTMLAnchorElement | null} */ (document.getElementById('full-map'));
	const follow = () => {
		if (link && config.fullMap) link.href = config.fullMap + viewHash(map);
	};
	map.on('moveend', follow);
	map.on('load', () => {
		follow();
		// With the link bar (which names the sources) the attribution starts folded, one tap away.
		if (config.controls) {
			const attribution = container.querySelector('.maplibregl-ctrl-attrib');
			attribution?.classList.remove('maplibregl-compact-show');
			attribution?.removeAttribute('open');
		}
	});
	map.on('idle', () => {
		if (root.dataset.map === 'loading') root.dataset.map = 'ready';
	});
	map.on('error', (/** @type {any} */ event) => {
		if (event.sourceId) root.dataset.map = 'error';
	});

	if (config.theme === 'auto') {
		systemDark.addEventListener('change', () => map.setStyle(config.styles[currentTheme()]));
	}

	// New data (a moderator approved a camera): the TileJSON names a new versioned tile address.
	if (config.poll > 0) {
		setInterval(async () => {
			if (document.hidden) return;
			for (const id of Object.keys(map.getStyle().sources)) {
				const source = map.getSource(id);
				if (!source || source.type !== 'vector' || typeof source.url !== 'string') continue;
				try {
					const response = await fetch(source.url, { cache: 'no-cache' });
					if (!response.ok) continue;
					const tileJson = await response.json();
					const next = tileJson.tiles?.[0];
					if (typeof next === 'string' && source.tiles?.[0] !== next) source.setTiles(tileJson.tiles);
					if (root.dataset.map === 'error') root.dataset.map = 'ready';
				} catch {
					// Offline for a moment: the next tick tries again.
				}
			}
		}, config.poll);
	}
}

start().catch(() => {
	root.dataset.map = 'error';
});
