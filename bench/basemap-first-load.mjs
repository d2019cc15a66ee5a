/**
 * First-load bytes of the home map over central Belgrade at zoom 14 on a 390×844 phone (sr-Latn),
 * everything the page fetched until the map settled, by kind. Against a running built app on
 * port 3210; run it once with the basemap and once with BASEMAP_PMTILES= (land only).
 * Usage: node bench/basemap-first-load.mjs
 */
import { chromium } from '@playwright/test';
const b = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu']
});
const ctx = await b.newContext({
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
});
const p = await ctx.newPage();
await p.addInitScript(() => {
	window.__nadzorTestHooks = true;
});
const reqs = [];
p.on('requestfinished', (r) => reqs.push(r));
await p.goto('http://localhost:3210/?lang=sr-Latn#map=14/44.8129/20.4606');
await p.waitForFunction(
	() => {
		const m = window.__nadzorMap;
		return m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
	},
	null,
	{ timeout: 90000 }
);
await p.waitForTimeout(3000);
let total = 0;
const byKind = {};
for (const r of reqs) {
	const s = await r.sizes();
	const n = s.responseBodySize + s.responseHeadersSize;
	total += n;
	const u = new URL(r.url()).pathname;
	const k = u.startsWith('/basemap/fonts')
		? 'glyphs'
		: u.startsWith('/basemap/')
			? 'basemap tiles'
			: u.startsWith('/tiles/')
				? 'camera tiles'
				: u.endsWith('.js')
					? 'js'
					: 'other';
	byKind[k] = (byKind[k] ?? 0) + n;
}
console.log(
	JSON.stringify({
		requests: reqs.length,
		kB: Math.round(total / 1024),
		byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v / 1024)]))
	})
);
await b.close();
